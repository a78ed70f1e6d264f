import Foundation

/// Per-rule counts over a run: matches, documents (files or records) touched, lines and bytes removed,
/// and, when timings are on, the time spent matching. Built per worker and merged, so order of work does
/// not matter.
public struct Statistics: Sendable {
    public struct Entry: Hashable, Sendable {
        public var matches = 0
        public var documents = 0
        public var linesRemoved = 0
        public var bytesRemoved = 0
        public var nanoseconds: UInt64 = 0
        /// How the rule is matched (see ``CompiledRule/strategy``).
        public var strategy = ""
    }

    public var rules: [String: Entry] = [:]
    /// Documents (files or records) seen.
    public var documents = 0
    /// Bytes of input seen.
    public var inputBytes = 0
    /// What `--timings` says about the multi-pattern prefilter (see ``SearchPlan/summary``), when timed.
    public var prefilter = ""

    public init() {}

    /// Counts a checked document.
    public mutating func add(_ result: CheckResult, inputBytes: Int) {
        documents += 1
        self.inputBytes += inputBytes
        countMatches(result.violations.map(\.ruleID), extra: [:])
    }

    /// Counts a checked document that is not fixed: its matches, and what the fixes of `outcome` (the
    /// same document fixed) would remove, so that `check --statistics` says what `--fix` would do.
    public mutating func add(_ result: CheckResult, wouldBeFixedAs outcome: Fixer.Outcome, inputBytes: Int) {
        add(result, inputBytes: inputBytes)
        countRemoved(outcome)
    }

    /// Counts a fixed document: matches are the fixed violations plus those that remain.
    public mutating func add(_ outcome: Fixer.Outcome, inputBytes: Int) {
        documents += 1
        self.inputBytes += inputBytes
        countMatches(outcome.remaining.violations.map(\.ruleID), extra: outcome.fixedCounts)
        countRemoved(outcome)
    }

    private mutating func countRemoved(_ outcome: Fixer.Outcome) {
        for (id, removed) in outcome.removed {
            rules[id, default: Entry()].linesRemoved += removed.lines
            rules[id, default: Entry()].bytesRemoved += removed.bytes
        }
    }

    private mutating func countMatches(_ remaining: [String], extra: [String: Int]) {
        var perRule = extra
        for id in remaining { perRule[id, default: 0] += 1 }
        for (id, count) in perRule where count > 0 {
            rules[id, default: Entry()].matches += count
            rules[id, default: Entry()].documents += 1
        }
    }

    /// Adds time spent per rule (from ``Checker/ruleNanoseconds``).
    public mutating func addTimings(_ nanoseconds: [UInt64], ruleSet: RuleSet) {
        for (index, value) in nanoseconds.enumerated() where value > 0 {
            rules[ruleSet.rules[index].id, default: Entry()].nanoseconds += value
            rules[ruleSet.rules[index].id]?.strategy = ruleSet.search.strategy(of: ruleSet.rules[index])
        }
        if prefilter.isEmpty { prefilter = ruleSet.search.summary }
    }

    public mutating func merge(_ other: Statistics) {
        documents += other.documents
        inputBytes += other.inputBytes
        if prefilter.isEmpty { prefilter = other.prefilter }
        for (id, entry) in other.rules {
            var mine = rules[id] ?? Entry()
            mine.matches += entry.matches
            mine.documents += entry.documents
            mine.linesRemoved += entry.linesRemoved
            mine.bytesRemoved += entry.bytesRemoved
            mine.nanoseconds += entry.nanoseconds
            if mine.strategy.isEmpty { mine.strategy = entry.strategy }
            rules[id] = mine
        }
    }

    /// Rows sorted by matches (then id), tidy-up last.
    private var sortedRows: [(String, Entry)] {
        rules.filter { $0.value.matches > 0 || $0.value.bytesRemoved != 0 || $0.value.linesRemoved > 0 }
            .sorted { lhs, rhs in
                if (lhs.key == Fixer.tidyKey) != (rhs.key == Fixer.tidyKey) { return rhs.key == Fixer.tidyKey }
                return (rhs.value.matches, lhs.key) < (lhs.value.matches, rhs.key)
            }
    }

    /// A table for people: one row per rule that matched, then a total.
    public func table(unit: String) -> String {
        func share(_ bytes: Int) -> String {
            inputBytes == 0 ? "0.00%" : String(format: "%.2f%%", Double(bytes) * 100 / Double(inputBytes))
        }
        var rows: [[String]] = [["RULE", "MATCHES", unit.uppercased(), "LINES REMOVED", "BYTES REMOVED", "SHARE"]]
        var total = Entry()
        for (id, entry) in sortedRows {
            rows.append([id, String(entry.matches), String(entry.documents), String(entry.linesRemoved),
                         String(entry.bytesRemoved), share(entry.bytesRemoved)])
            total.matches += entry.matches
            total.linesRemoved += entry.linesRemoved
            total.bytesRemoved += entry.bytesRemoved
        }
        rows.append(["total", String(total.matches), "\(documents) seen", String(total.linesRemoved),
                     String(total.bytesRemoved), share(total.bytesRemoved)])
        return Statistics.format(rows)
    }

    /// Time per rule, slowest first, with each rule's share of the matching time.
    public func timingsTable() -> String {
        let total = rules.values.reduce(UInt64(0)) { $0 + $1.nanoseconds }
        var rows: [[String]] = [["RULE", "TIME (ms)", "SHARE", "STRATEGY"]]
        for (id, entry) in rules.sorted(by: { ($1.value.nanoseconds, $0.key) < ($0.value.nanoseconds, $1.key) }) where entry.nanoseconds > 0 {
            rows.append([id, String(format: "%.1f", Double(entry.nanoseconds) / 1e6),
                         String(format: "%.1f%%", total == 0 ? 0 : Double(entry.nanoseconds) * 100 / Double(total)),
                         entry.strategy])
        }
        rows.append(["total", String(format: "%.1f", Double(total) / 1e6), "100.0%", ""])
        return Statistics.format(rows) + (prefilter.isEmpty ? "" : "prefilter: \(prefilter)\n")
    }

    /// The same figures as JSON.
    public func json() -> String {
        let entries = sortedRows.map { id, entry in
            JSON.object([
                ("rule", JSON.string(id)), ("matches", String(entry.matches)), ("documents", String(entry.documents)),
                ("lines_removed", String(entry.linesRemoved)), ("bytes_removed", String(entry.bytesRemoved)),
                ("share_removed", inputBytes == 0 ? "0" : String(Double(entry.bytesRemoved) / Double(inputBytes))),
                ("nanoseconds", String(entry.nanoseconds)),
            ])
        }
        return JSON.object([
            ("documents", String(documents)), ("input_bytes", String(inputBytes)),
            ("bytes_removed", String(rules.values.reduce(0) { $0 + $1.bytesRemoved })),
            ("rules", JSON.array(entries)),
        ]) + "\n"
    }

    static func format(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
