/// What one rule set removes from a corpus that another does not, document by document: for each edit of
/// one side, the bytes of the original that the other side's edits leave in place, counted under the
/// edit's rule, with a seeded sample per rule. Replacement texts are not compared, only what is taken out.
public struct Comparison {
    public enum Side: String, CaseIterable, Sendable { case a, b }

    /// Edits of one rule that the other side does not make (in whole or in part).
    public struct Entry: Hashable, Sendable {
        public var edits = 0
        public var documents = 0
        /// Bytes of the original this side removes and the other keeps.
        public var bytes = 0
    }

    struct Sample {
        let document: String
        let line: Int
        let before: String
        let text: String
        let after: String
    }

    public let samplesPerRule: Int
    public let seed: UInt64
    public private(set) var documents = 0
    public private(set) var documentsDiffering = 0
    public private(set) var inputBytes = 0
    /// Bytes removed (net of replacements) by each side.
    public private(set) var removed: [Side: Int] = [.a: 0, .b: 0]
    public private(set) var only: [Side: [String: Entry]] = [.a: [:], .b: [:]]
    private var samples: [Side: [String: Reservoir<Sample>]] = [.a: [:], .b: [:]]

    public init(samplesPerRule: Int = 10, seed: UInt64 = 1) {
        self.samplesPerRule = samplesPerRule
        self.seed = seed
    }

    /// Adds a document fixed by both sides (with fixers that record edits).
    public mutating func add(name: String, original: [UInt8], a: Fixer.Outcome, b: Fixer.Outcome) {
        documents += 1
        inputBytes += original.count
        removed[.a, default: 0] += original.count - a.bytes.count
        removed[.b, default: 0] += original.count - b.bytes.count
        if a.bytes != b.bytes { documentsDiffering += 1 }
        add(.a, name: name, original: original, edits: a.edits, other: b.edits)
        add(.b, name: name, original: original, edits: b.edits, other: a.edits)
    }

    private mutating func add(_ side: Side, name: String, original: [UInt8], edits: [AppliedEdit], other: [AppliedEdit]) {
        var touched = Set<String>()
        for edit in edits {
            let kept = Comparison.uncovered(edit.range, by: other)
            guard let first = kept.first else { continue }
            only[side, default: [:]][edit.rule, default: Entry()].edits += 1
            only[side, default: [:]][edit.rule, default: Entry()].bytes += kept.reduce(0) { $0 + $1.count }
            touched.insert(edit.rule)
            let range = first.lowerBound..<kept.last!.upperBound
            samples[side, default: [:]][edit.rule, default: Reservoir(capacity: samplesPerRule,
                                                                     generator: SeededGenerator(seed: seed, stream: side.rawValue + edit.rule))]
                .offer {
                    let context = AuditText.context(original, around: range, limit: 80)
                    return Sample(document: name, line: original[..<range.lowerBound].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) },
                                  before: context.before, text: AuditText.decode(original, range), after: context.after)
                }
        }
        for rule in touched { only[side, default: [:]][rule, default: Entry()].documents += 1 }
    }

    /// The parts of `range` that no edit of `others` (sorted) covers.
    static func uncovered(_ range: Range<Int>, by others: [AppliedEdit]) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var cursor = range.lowerBound
        for other in others where other.range.upperBound > cursor && other.range.lowerBound < range.upperBound {
            if other.range.lowerBound > cursor { parts.append(cursor..<other.range.lowerBound) }
            cursor = max(cursor, other.range.upperBound)
        }
        if cursor < range.upperBound { parts.append(cursor..<range.upperBound) }
        return parts
    }

    private func rows(_ side: Side) -> [(String, Entry)] {
        (only[side] ?? [:]).sorted { ($1.value.bytes, $0.key) < ($0.value.bytes, $1.key) }
    }

    /// A report for people: per side the rules that remove what the other keeps, then samples.
    public func text(nameA: String = "A", nameB: String = "B") -> String {
        var output = "\(documents) documents, \(documentsDiffering) cleaned differently; A removes \(removed[.a] ?? 0) bytes, B \(removed[.b] ?? 0).\n"
        for (side, this, other) in [(Side.a, nameA, nameB), (.b, nameB, nameA)] {
            output += "\nRemoved by \(this) and kept by \(other):\n"
            let table = rows(side)
            if table.isEmpty {
                output += "  nothing\n"
                continue
            }
            output += Statistics.format([["RULE", "EDITS", "DOCUMENTS", "BYTES"]]
                + table.map { [$0.0, String($0.1.edits), String($0.1.documents), String($0.1.bytes)] })
            for (rule, _) in table {
                output += "\n  \(rule):\n"
                for sample in samples[side]?[rule]?.sample ?? [] {
                    output += "    \(sample.document):\(sample.line): \(Comparison.oneLine(sample.text))\n"
                }
            }
        }
        return output
    }

    /// The same as JSON: totals, then per side the rules with their counts and samples.
    public func json() -> String {
        func side(_ side: Side) -> String {
            JSON.array(rows(side).map { rule, entry in
                JSON.object([
                    ("rule", JSON.string(rule)), ("edits", String(entry.edits)), ("documents", String(entry.documents)),
                    ("bytes", String(entry.bytes)),
                    ("samples", JSON.array((samples[side]?[rule]?.sample ?? []).map { sample in
                        JSON.object([("document", JSON.string(sample.document)), ("line", String(sample.line)),
                                     ("before", JSON.string(sample.before)), ("text", JSON.string(sample.text)),
                                     ("after", JSON.string(sample.after))])
                    })),
                ])
            })
        }
        return JSON.pretty(JSON.object([
            ("documents", String(documents)), ("documents_differing", String(documentsDiffering)),
            ("input_bytes", String(inputBytes)),
            ("bytes_removed_a", String(removed[.a] ?? 0)), ("bytes_removed_b", String(removed[.b] ?? 0)),
            ("only_a", side(.a)), ("only_b", side(.b)),
        ])) + "\n"
    }

    /// Text on one line: line breaks shown as ⏎, long text cut in the middle.
    static func oneLine(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\r\n", with: "⏎").replacingOccurrences(of: "\n", with: "⏎")
            .replacingOccurrences(of: "\r", with: "⏎").replacingOccurrences(of: "\t", with: "→")
        guard flat.count > 160 else { return flat }
        return String(flat.prefix(100)) + " … " + String(flat.suffix(50))
    }
}
