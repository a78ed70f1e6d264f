/// One change the fix loop made, in the offsets of the text as it was given: the bytes `range` of the
/// original (`removed`) became `replacement` in the fixed text. A document's applied edits are sorted and
/// do not overlap, so they turn the original into the fixed text and back.
public struct AppliedEdit: Hashable, Sendable {
    /// The bytes replaced, in the original text.
    public var range: Range<Int>
    /// The original bytes in `range`.
    public var removed: [UInt8]
    /// What stands in their place in the fixed text (empty for a deletion).
    public var replacement: [UInt8]
    /// The rules whose fixes made the change (several when a later pass changed what an earlier one
    /// wrote); ``Fixer/tidyKey`` for blank lines tidied away.
    public var rules: [String]

    public init(range: Range<Int>, removed: [UInt8], replacement: [UInt8], rules: [String]) {
        self.range = range
        self.removed = removed
        self.replacement = replacement
        self.rules = rules
    }

    /// The rule named first: the one the change is counted under.
    public var rule: String { rules.first ?? "" }

    /// The fixed text: `edits` (sorted, not overlapping) applied to `original`.
    public static func apply(_ edits: [AppliedEdit], to original: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(original.count)
        var cursor = 0
        for edit in edits {
            output += original[cursor..<edit.range.lowerBound]
            output += edit.replacement
            cursor = edit.range.upperBound
        }
        output += original[cursor...]
        return output
    }
}

/// Composes the edits of the fix loop's passes, each in the offsets of its own input, into edits in the
/// offsets of the original text. An edit of a later pass that touches text an earlier pass wrote (or
/// spans a place where an earlier pass deleted) merges with it into one edit naming both rules.
struct EditComposer {
    let original: [UInt8]
    /// The composed edits: sorted, not overlapping, in the original's offsets.
    private(set) var edits: [AppliedEdit] = []

    init(original: [UInt8]) { self.original = original }

    /// The first rule of an edit that could not be composed pass by pass (see ``verified(against:)``).
    static let unattributed = "(unattributed)"

    /// One pass: `pass` holds that pass's edits (sorted, not overlapping) in the offsets of `current`, the
    /// text the pass started from (the original with ``edits`` applied).
    mutating func add(_ pass: [(edit: Edit, rule: String)], current: [UInt8]) {
        guard !pass.isEmpty else { return }
        // Items in the current text's offsets: composed edits (where their replacement stands) and the
        // pass's edits. At one start, empty items first, composed before new: an empty range then sits
        // where it belongs between its neighbours.
        enum Item { case composed(Int), new(Int) }
        var items: [(range: Range<Int>, item: Item)] = []
        var shift = 0
        for (index, edit) in edits.enumerated() {
            let start = edit.range.lowerBound + shift
            items.append((start..<start + edit.replacement.count, .composed(index)))
            shift += edit.replacement.count - edit.range.count
        }
        for (index, owned) in pass.enumerated() { items.append((owned.edit.range, .new(index))) }
        items.sort { lhs, rhs in
            func key(_ entry: (range: Range<Int>, item: Item)) -> (Int, Int, Int) {
                let isNew: Int
                if case .new = entry.item { isNew = 1 } else { isNew = 0 }
                return (entry.range.lowerBound, entry.range.isEmpty ? 0 : 1, isNew)
            }
            return key(lhs) < key(rhs)
        }

        var result: [AppliedEdit] = []
        var delta = 0
        var position = 0
        while position < items.count {
            var span = items[position].range
            var members = [items[position].item]
            position += 1
            while position < items.count, EditComposer.joins(span, items[position].range) {
                span = span.lowerBound..<max(span.upperBound, items[position].range.upperBound)
                members.append(items[position].item)
                position += 1
            }
            var composedDelta = 0
            var newEdits: [(edit: Edit, rule: String)] = []
            var rules: [String] = []
            for member in members {
                switch member {
                case .composed(let index):
                    composedDelta += edits[index].replacement.count - edits[index].range.count
                    rules += edits[index].rules
                case .new(let index):
                    newEdits.append(pass[index])
                    rules.append(pass[index].rule)
                }
            }
            defer { delta += composedDelta }
            if newEdits.isEmpty, case .composed(let index) = members[0] {
                result.append(edits[index])
                continue
            }
            let range = (span.lowerBound - delta)..<(span.upperBound - delta - composedDelta)
            var replacement: [UInt8] = []
            var cursor = span.lowerBound
            for (edit, _) in newEdits {
                replacement += current[cursor..<edit.range.lowerBound]
                replacement += edit.replacement
                cursor = edit.range.upperBound
            }
            replacement += current[cursor..<span.upperBound]
            let removed = Array(original[range])
            if removed == replacement { continue }
            var unique: [String] = []
            for rule in rules where !unique.contains(rule) { unique.append(rule) }
            result.append(AppliedEdit(range: range, removed: removed, replacement: replacement, rules: unique))
        }
        edits = result
    }

    /// Whether `item` belongs with the group spanning `span`: they share bytes, or one is empty and lies
    /// strictly inside the other. Ranges that only touch stay apart.
    private static func joins(_ span: Range<Int>, _ item: Range<Int>) -> Bool {
        if span.isEmpty && item.isEmpty { return false }
        if item.isEmpty { return span.lowerBound < item.lowerBound && item.lowerBound < span.upperBound }
        if span.isEmpty { return item.lowerBound < span.lowerBound && span.lowerBound < item.upperBound }
        return item.lowerBound < span.upperBound && span.lowerBound < item.upperBound
    }

    /// The composed edits, checked: applied to the original they must give `fixed`. Should they not (a
    /// defect), one edit covering everything between the common start and end is returned instead, under
    /// ``unattributed`` and the rules involved, so that a log built from them always reverts exactly.
    func verified(against fixed: [UInt8]) -> [AppliedEdit] {
        if AppliedEdit.apply(edits, to: original) == fixed { return edits }
        var prefix = 0
        while prefix < original.count, prefix < fixed.count, original[prefix] == fixed[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < original.count - prefix, suffix < fixed.count - prefix,
              original[original.count - 1 - suffix] == fixed[fixed.count - 1 - suffix] { suffix += 1 }
        let range = prefix..<(original.count - suffix)
        let rules = edits.flatMap(\.rules).reduce(into: [EditComposer.unattributed]) { if !$0.contains($1) { $0.append($1) } }
        return [AppliedEdit(range: range, removed: Array(original[range]),
                            replacement: Array(fixed[prefix..<(fixed.count - suffix)]), rules: rules)]
    }
}
