/// Checkstyle XML: a `<file>` element per checked file (empty when it is clean) holding an `<error>` per
/// violation, with `source` set to `scrapelint.RULE-ID`. Written when the run ends.
public struct CheckstyleReporter: Reporter {
    private var files: [String] = []

    public init() {}

    public mutating func report(_ file: FileReport) -> String {
        let errors = zip(file.violations, file.positions().starts).map { violation, position in
             "    " + XML.element("error", [
                ("line", String(position.line)), ("column", String(position.column)),
                ("severity", violation.severity.rawValue), ("message", violation.message + file.recordNote),
                ("source", "scrapelint.\(violation.ruleID)"),
            ]) + "\n"
        }
        files.append("  " + XML.element("file", [("name", file.path)], content: errors.isEmpty ? nil : "\n" + errors.joined() + "  "))
        return ""
    }

    public mutating func finish(_ summary: RunSummary) -> String {
        XML.declaration + "<checkstyle version=\"4.3\">\n" + files.map { $0 + "\n" }.joined() + "</checkstyle>\n"
    }
}
