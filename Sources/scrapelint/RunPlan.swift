import Foundation
import ScrapeLintCore

/// What a checking command settles before it reads any input: the configuration and the effective
/// settings (command line over file over defaults), the inputs, and the rule set of each input. Any error
/// here stops the run before an input is touched.
struct RunPlan {
    let config: ConfigFile?
    let commandLine: SettingsLayer
    /// The run-wide settings (the configuration's base and the command line; no overrides).
    let settings: Settings
    let walk: InputWalker.Walk
    let ruleSets: RuleSetPlan

    init(paths: [String], configOptions: ConfigOptions, ruleOptions: RuleOptions,
         reportOptions: ReportOptions? = nil, inputOptions: InputOptions? = nil, text: Bool = false,
         stdin: StdinOptions? = nil) throws(ScrapeLintError) {
        config = try configOptions.load(discoveringFrom: stdin?.discoveryFolder)
        var layer = ruleOptions.layer
        reportOptions?.apply(to: &layer)
        inputOptions?.apply(to: &layer)
        commandLine = layer
        settings = Settings(config: config, commandLine: layer)
        walk = InputWalker(include: settings.include.value, exclude: settings.exclude.value, text: text,
                           follow: inputOptions?.follow ?? false).walk(paths)
        ruleSets = try RuleSetPlan(config: config, commandLine: layer, inputs: walk.inputs,
                                   workingDirectory: FileManager.default.currentDirectoryPath, limits: ruleOptions.limits,
                                   stdinName: stdin?.stdinFilename)
    }
}

extension RunPlan {
    /// The one rule set of a JSON Lines run over `inputs`; nil when configuration overrides give them
    /// different rules (they must then be checked in separate runs).
    func corpusRuleSet(_ inputs: [String]) -> RuleSet? {
        let sets = inputs.map { ruleSets.ruleSet(for: $0) }
        return sets.allSatisfy { $0 === sets[0] } ? sets[0] : nil
    }

    static let mixedCorpusRules = "these JSON Lines inputs get different rules from the configuration's overrides; check them in separate runs"

    /// The rule set for one input (`nil`: no input, the run-wide rule set), for commands that check no
    /// folders (`clean`, `rules`).
    static func ruleSet(for input: String?, configOptions: ConfigOptions, ruleOptions: RuleOptions) throws(ScrapeLintError) -> RuleSet {
        let plan = try RunPlan(paths: input.map { [$0] } ?? [], configOptions: configOptions, ruleOptions: ruleOptions)
        return plan.ruleSets.ruleSet(for: input ?? "-")
    }
}
