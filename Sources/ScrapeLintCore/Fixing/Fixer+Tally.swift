extension Fixer {
    /// What a fix loop fixed and removed, per rule: counted by rule index, without hashing a rule id for
    /// every fix (a record has a few rules with fixes, so a short list searched in order is cheaper), and
    /// turned into ``Outcome/fixedCounts`` and ``Outcome/removed`` once at the end.
    struct Tally {
        private struct Entry {
            let rule: Int
            let id: String
            var fixed = 0
            var removed = Removed()
            /// Whether a removal was counted (the key is then in ``Outcome/removed``, even if it nets to zero).
            var removes = false
        }

        private var entries: [Entry] = []
        private var tidied: Removed?

        private mutating func entry(_ violation: Violation) -> Int {
            if let index = entries.firstIndex(where: { $0.rule == violation.ruleIndex }) { return index }
            entries.append(Entry(rule: violation.ruleIndex, id: violation.ruleID))
            return entries.count - 1
        }

        /// One fix of `violation`'s rule applied.
        mutating func addFixed(_ violation: Violation) { entries[entry(violation)].fixed += 1 }

        /// What the fixes of `violation`'s rule removed.
        mutating func addRemoved(_ removal: EditApplier.Removal, by violation: Violation) {
            let index = entry(violation)
            entries[index].removed.lines += removal.lines
            entries[index].removed.bytes += removal.bytes
            entries[index].removes = true
        }

        /// Blank lines tidied away after deletions (under ``Fixer/tidyKey``).
        mutating func addTidied(_ removal: EditApplier.Removal) {
            var total = tidied ?? Removed()
            total.lines += removal.lines
            total.bytes += removal.bytes
            tidied = total
        }

        var fixedCounts: [String: Int] {
            var counts: [String: Int] = [:]
            for entry in entries where entry.fixed > 0 { counts[entry.id, default: 0] += entry.fixed }
            return counts
        }

        var removed: [String: Removed] {
            var removed: [String: Removed] = [:]
            for entry in entries where entry.removes {
                removed[entry.id, default: Removed()].lines += entry.removed.lines
                removed[entry.id, default: Removed()].bytes += entry.removed.bytes
            }
            if let tidied {
                removed[Fixer.tidyKey, default: Removed()].lines += tidied.lines
                removed[Fixer.tidyKey, default: Removed()].bytes += tidied.bytes
            }
            return removed
        }
    }
}
