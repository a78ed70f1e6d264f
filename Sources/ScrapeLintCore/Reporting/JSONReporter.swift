import Foundation

/// One JSON array of violation objects, written when the run ends. Text that is not valid UTF-8 is given
/// as `null` in `text` and losslessly, base64-encoded, in `text_base64` (likewise `replacement`).
public struct JSONReporter: Reporter {
    let ruleSet: RuleSet
    private var items: [String] = []

    public init(ruleSet: RuleSet) { self.ruleSet = ruleSet }

    public mutating func report(_ file: FileReport) -> String {
        let positions = file.positions()
        for index in file.violations.indices {
            items.append(JSONReporter.object(file.violations[index], at: positions.starts[index], to: positions.ends[index],
                                             in: file, ruleSet: ruleSet))
        }
        return ""
    }

    public mutating func finish(_ summary: RunSummary) -> String {
        items.isEmpty ? "[]\n" : "[\n  " + items.joined(separator: ",\n  ") + "\n]\n"
    }

    /// One violation, from `start` to `end`, as a JSON object; `json` and `jsonl` share it.
    static func object(_ violation: Violation, at start: SourcePosition, to end: SourcePosition, in file: FileReport,
                       ruleSet: RuleSet) -> String {
        let document = file.document
        var pairs: [(String, String)] = [
            ("file", JSON.string(file.path)),
            ("record", file.recordID.map(JSON.string) ?? "null"),
            ("rule", JSON.string(violation.ruleID)),
            ("category", JSON.string(ruleSet[violation.ruleID]?.rule.category ?? "")),
            ("severity", JSON.string(violation.severity.rawValue)),
            ("message", JSON.string(violation.message)),
            ("line", String(start.line)), ("column", String(start.column)),
            ("end_line", String(end.line)), ("end_column", String(end.column)),
            ("start_byte", String(violation.range.lowerBound)), ("end_byte", String(violation.range.upperBound)),
        ]
        pairs += JSON.lossless("text", document.bytes[violation.range])
        if let fix = violation.fix {
            pairs.append(("fix", JSON.object([("applicability", JSON.string(fix.safety.rawValue)), ("edits", JSON.array(fix.edits.map { edit in
                JSON.object([
                    ("start_byte", String(edit.range.lowerBound)), ("end_byte", String(edit.range.upperBound)),
                ] + JSON.lossless("replacement", edit.replacement[...]))
            }))])))
        } else {
            pairs.append(("fix", "null"))
        }
        return JSON.object(pairs)
    }
}
