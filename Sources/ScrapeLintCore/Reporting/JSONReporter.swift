import Foundation

/// One JSON array of violation objects, written when the run ends. Text that is not valid UTF-8 is given
/// as `null` in `text` and losslessly, base64-encoded, in `text_base64`.
public struct JSONReporter: Reporter {
    let ruleSet: RuleSet
    private var items: [String] = []

    public init(ruleSet: RuleSet) { self.ruleSet = ruleSet }

    public mutating func report(_ file: FileReport) -> String {
        for violation in file.violations { items.append(JSONReporter.object(violation, in: file, ruleSet: ruleSet)) }
        return ""
    }

    public mutating func finish(_ summary: RunSummary) -> String {
        items.isEmpty ? "[]\n" : "[\n  " + items.joined(separator: ",\n  ") + "\n]\n"
    }

    static func object(_ violation: Violation, in file: FileReport, ruleSet: RuleSet) -> String {
        let document = file.document
        let start = document.position(of: violation.range.lowerBound)
        let end = document.position(of: violation.range.upperBound)
        let bytes = document.bytes[violation.range]
        var pairs: [(String, String)] = [
            ("file", JSON.string(file.path)),
            ("rule", JSON.string(violation.ruleID)),
            ("category", JSON.string(ruleSet.rules[violation.ruleIndex].rule.category)),
            ("severity", JSON.string(violation.severity.rawValue)),
            ("message", JSON.string(violation.message)),
            ("line", String(start.line)), ("column", String(start.column)),
            ("end_line", String(end.line)), ("end_column", String(end.column)),
            ("start_byte", String(violation.range.lowerBound)), ("end_byte", String(violation.range.upperBound)),
            ("text", JSON.text(bytes)),
        ]
        if String(validating: bytes, as: UTF8.self) == nil { pairs.append(("text_base64", JSON.string(Data(bytes).base64EncodedString()))) }
        if let fix = violation.fix {
            pairs.append(("fix", JSON.object([("edits", JSON.array(fix.edits.map { edit in
                JSON.object([
                    ("start_byte", String(edit.range.lowerBound)), ("end_byte", String(edit.range.upperBound)),
                    ("replacement", JSON.text(edit.replacement[...])),
                ])
            }))])))
        } else {
            pairs.append(("fix", "null"))
        }
        return JSON.object(pairs)
    }
}
