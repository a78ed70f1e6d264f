import ArgumentParser
import ScrapeLintCore

struct TestRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Check rule files: load them strictly and run every example.",
        discussion: """
        Each `match` example must make its rule report at least one violation, each `no-match` example
        none. With no paths, tests the built-in packs. Exit status 0 when all pass, 1 when an example
        fails, 2 when a rule file does not load or the paths hold no rule.

        Examples:
          scrapelint test
          scrapelint test my-rules.yml rules/
        """
    )

    @Argument(help: ArgumentHelp("Rule files or folders to test (default: the built-in packs).", valueName: "path"))
    var paths: [String] = []

    func run() throws {
        defer { Output.flush() }
        let ruleSet: RuleSet
        let tested: Set<String>
        do {
            if paths.isEmpty {
                ruleSet = try RuleSet(try RuleSources.builtinRules())
                tested = Set(ruleSet.rules.map(\.id))
            } else {
                // Rules under test may be gated on built-in anchors, so the built-ins load beside them.
                let own = try RuleSources.loadRules(from: paths)
                let builtin = try RuleSources.builtinRules()
                let ownIDs = Set(own.map(\.id))
                ruleSet = try RuleSet(own + builtin.filter { !ownIDs.contains($0.id) })
                tested = ownIDs
            }
        } catch {
            Output.error(error.report)
            throw ExitCode(Status.error)
        }
        if tested.isEmpty {
            Output.error("scrapelint: error: no rules found in \(paths.joined(separator: ", ")) (rule files end in .yml or .yaml)")
            throw ExitCode(Status.error)
        }
        let summary = ExampleRunner(ruleSet: ruleSet).run(only: tested)
        for failure in summary.failures { Output.write("\(failure)\n") }
        let result = summary.failures.isEmpty
            ? "All \(summary.examples) examples of \(summary.rules) rules passed."
            : "\(summary.failures.count) of \(summary.examples) examples failed (\(summary.rules) rules)."
        Output.write(result + "\n")
        if !summary.failures.isEmpty { throw ExitCode(Status.violations) }
    }
}
