/// JUnit XML, for CI systems that show test results: a `<testsuite>` per checked file, a failing
/// `<testcase>` per violation (named by rule id), and one passing test case for a clean file. Written when
/// the run ends, since the root element carries the totals.
public struct JUnitReporter: Reporter {
    private var suites: [String] = []
    private var tests = 0
    private var failures = 0

    public init() {}

    public mutating func report(_ file: FileReport) -> String {
        var cases = zip(file.violations, file.positions().starts).map { violation, position in
            let location = "\(file.displayPath):\(position.line):\(position.column)"
            let failure = XML.element("failure", [("message", violation.message), ("type", violation.severity.rawValue)],
                                      content: XML.escape("\(location): \(violation.severity.rawValue): \(violation.message) [\(violation.ruleID)]"))
            return XML.element("testcase", [
                ("name", violation.ruleID), ("classname", file.displayPath), ("file", file.path), ("line", String(position.line)),
            ], content: "\n      " + failure + "\n    ")
        }
        if cases.isEmpty { cases = [XML.element("testcase", [("name", "no violations"), ("classname", file.displayPath), ("file", file.path)])] }
        tests += cases.count
        failures += file.violations.count
        suites.append(XML.element("testsuite", [
            ("name", file.displayPath), ("tests", String(cases.count)), ("failures", String(file.violations.count)), ("errors", "0"),
        ], content: "\n" + cases.map { "    " + $0 + "\n" }.joined() + "  "))
        return ""
    }

    public mutating func finish(_ summary: RunSummary) -> String {
        var all = suites
        var total = tests
        if summary.errors > 0 {
            // Each error of the run (a missing file, a stopped rule) is a test case carrying an `<error>`,
            // so that the `errors` count of the root names something.
            var messages = Array(summary.errorMessages.prefix(summary.errors))
            if messages.count < summary.errors { messages.append("\(summary.errors - messages.count) more error(s): see standard error") }
            let cases = messages.enumerated().map { index, message in
                XML.element("testcase", [("name", "error \(index + 1)"), ("classname", "scrapelint")],
                            content: "\n      " + XML.element("error", [("message", message)]) + "\n    ")
            }
            total += cases.count
            all.append(XML.element("testsuite", [
                ("name", "scrapelint errors"), ("tests", String(cases.count)), ("failures", "0"), ("errors", String(summary.errors)),
            ], content: "\n" + cases.map { "    " + $0 + "\n" }.joined() + "  "))
        }
        let root = XML.element("testsuites", [
            ("name", "scrapelint"), ("tests", String(total)), ("failures", String(failures)), ("errors", String(summary.errors)),
        ], content: "\n" + all.map { "  " + $0 + "\n" }.joined())
        return XML.declaration + root + "\n"
    }
}
