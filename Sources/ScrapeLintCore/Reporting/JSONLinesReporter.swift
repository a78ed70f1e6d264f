/// One JSON violation object per line (the objects of ``JSONReporter``), written as each file is done:
/// suits streaming and large corpora.
public struct JSONLinesReporter: Reporter {
    let ruleSet: RuleSet

    public init(ruleSet: RuleSet) { self.ruleSet = ruleSet }

    public mutating func report(_ file: FileReport) -> String {
        file.violations.map { JSONReporter.object($0, in: file, ruleSet: ruleSet) + "\n" }.joined()
    }

    public mutating func finish(_ summary: RunSummary) -> String { "" }
}
