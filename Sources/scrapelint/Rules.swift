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

    @Flag(name: .customLong("prefilter-expressions"), help: ArgumentHelp(
        "Print the Hyperscan database's expressions, one per rule, for scripts/check-prefilter-library.", visibility: .hidden))
    var prefilterExpressions = false

    @OptionGroup var ruleOptions: RuleOptions

    @OptionGroup var configOptions: ConfigOptions

    /// The rules the run uses, and, when nothing is selected, the opt-in rules it leaves out (listed as off
    /// by default, so users see they exist), in load order.
    static func listed(_ ruleSet: RuleSet, selection: RuleSelection) throws(ScrapeLintError) -> [Rule] {
        let running = Set(ruleSet.rules.map(\.id))
        guard selection.select.isEmpty else { return ruleSet.rules.map(\.rule) }
        let ignored = selection.ignore + selection.extendIgnore
        return try selection.loadRules().filter { rule in
            running.contains(rule.id)
                || (rule.optInReason != nil && !ignored.contains(rule.id) && !ignored.contains(rule.category))
        }
    }

    enum ListFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    func run() throws {
        defer { Output.flush() }
        let ruleSet: RuleSet
        var rules: [Rule]
        do {
            let plan = try RunPlan(paths: [], configOptions: configOptions, ruleOptions: ruleOptions)
            ruleSet = plan.ruleSets.ruleSet(for: "-")
            rules = try Self.listed(ruleSet, selection: plan.settings.ruleSelection)
        } catch {
            Output.error(error.report)
            throw ExitCode(Status.error)
        }
        var dependencies: [String: [String]] = [:]
        for rule in rules where ruleSet.isDependency(rule.id) {
            dependencies[rule.id] = ruleSet.dependents(of: rule.id)
        }
        if prefilterExpressions {
            Output.write(ruleSet.prefilterExpressionLines.map { $0 + "\n" }.joined())
            return
        }
        if let explain {
            guard let rule = rules.first(where: { $0.id == explain }) ?? ruleSet[explain]?.rule else {
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
