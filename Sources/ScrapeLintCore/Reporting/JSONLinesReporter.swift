/// One JSON violation object per line (the objects of ``JSONReporter``), written as each file is done:
/// suits streaming and large corpora.
public struct JSONLinesReporter: Reporter {
    let ruleSet: RuleSet

    public init(ruleSet: RuleSet) { self.ruleSet = ruleSet }

    public mutating func report(_ file: FileReport) -> String {
        let positions = file.positions()
        return file.violations.indices.map { index in
            JSONReporter.object(file.violations[index], at: positions.starts[index], to: positions.ends[index], in: file,
                                ruleSet: ruleSet) + "\n"
        }.joined()
    }

    public mutating func finish(_ summary: RunSummary) -> String { "" }
}
