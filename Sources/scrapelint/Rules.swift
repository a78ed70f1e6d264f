import ArgumentParser
import ScrapeLintCore

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the loaded rules, or explain one.",
        discussion: """
        Examples:
          scrapelint rules
          scrapelint rules --explain layout-breakpoint-label
          scrapelint rules --format json --rules my-rules.yml
          scrapelint rules --isolated --format markdown > docs/builtin-rules.md
        """
    )

    @Option(help: ArgumentHelp("Show one rule in full, with its gates and examples.", valueName: "rule-id"))
    var explain: String?

    @Option(help: ArgumentHelp("Output format: text, json (every field, for tools) or markdown (a reference page).", valueName: "format"))
    var format: ListFormat = .text

    @OptionGroup var ruleOptions: RuleOptions

    @OptionGroup var configOptions: ConfigOptions

    enum ListFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    func run() throws {
        defer { Output.flush() }
        let ruleSet: RuleSet
        do { ruleSet = try RunPlan.ruleSet(for: nil, configOptions: configOptions, ruleOptions: ruleOptions) } catch {
            Output.error(error.report)
            throw ExitCode(Status.error)
        }
        var rules = ruleSet.rules.map(\.rule)
        var dependencies: [String: [String]] = [:]
        for rule in rules where ruleSet.isDependency(rule.id) {
            dependencies[rule.id] = ruleSet.dependents(of: rule.id)
        }
        if let explain {
            guard let rule = ruleSet[explain]?.rule else {
                let suggestion = Suggestion.closest(to: explain, in: rules.map(\.id))
                Output.error("scrapelint: error: no rule `\(explain)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? ""))
                throw ExitCode(Status.error)
            }
            rules = [rule]
        }
        switch format {
        case .json:
            Output.write(RuleDocumentation.json(rules, dependencies: dependencies) + "\n")
        case .markdown:
            Output.write(RuleDocumentation.markdown(rules, descriptions: RuleDocumentation.fileDescriptions(of: rules)))
        case .text:
            Output.write(explain == nil ? RuleDocumentation.table(rules, dependencies: dependencies) : RuleDocumentation.explanation(rules[0]))
        }
    }
}
