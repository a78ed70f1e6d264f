import Foundation
import ScrapeLintCore

/// What a checking command settles before it reads any input: the configuration and the effective
/// settings (command line over file over defaults), the inputs, and the rule set of each input. Any error
/// here stops the run before an input is touched.
///
/// Without `--config` or `--isolated`, each input gets the configuration found from its own folder upward
/// (as ruff does), and the run-wide settings (`format`, `include`, `exclude`) come from the one found from
/// the current folder (or `--stdin-filename`'s).
struct RunPlan {
    /// The run's configuration: the run-wide settings come from it.
    let config: ConfigFile?
    let commandLine: SettingsLayer
    /// The run-wide settings (the configuration's base and the command line; no overrides).
    let settings: Settings
    /// How folders are walked (again by `--watch`).
    let walker: InputWalker
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
        walker = InputWalker(include: settings.include.value, exclude: settings.exclude.value, text: text,
                             follow: inputOptions?.follow ?? false, respectsIgnoreFiles: !(inputOptions?.noIgnore ?? false))
        walk = walker.walk(paths)
        let cwd = FileManager.default.currentDirectoryPath
        guard configOptions.discoversPerFile else {
            ruleSets = try RuleSetPlan(config: config, commandLine: layer, inputs: walk.inputs, workingDirectory: cwd,
                                       limits: ruleOptions.limits, stdinName: stdin?.stdinFilename)
            return
        }
        let resolver = ConfigResolver(workingDirectory: cwd)
        if let config { resolver.seed(config) }
        var assigned: [(input: String, config: ConfigFile?)] = []
        // The configurations met, in order of first use, with the search that found each (for -v).
        var uses: [(path: String?, discovery: ConfigDiscovery, files: Int)] = []
        for input in walk.inputs {
            let discovery = resolver.discovery(from: resolver.folder(of: input, stdinName: stdin?.stdinFilename))
            let file = try discovery.path.map { path throws(ScrapeLintError) in try resolver.load(path) }
            assigned.append((input, file))
            if let index = uses.firstIndex(where: { $0.path == discovery.path }) {
                uses[index].files += 1
            } else {
                uses.append((discovery.path, discovery, 1))
            }
        }
        for use in uses where use.path != config?.path {
            configOptions.explain(use.discovery.explanation(files: use.files))
        }
        configurationUses = uses.map { ($0.path, $0.files) }
        ruleSets = try RuleSetPlan(inputs: assigned, runConfig: config, commandLine: layer, workingDirectory: cwd,
                                   limits: ruleOptions.limits, stdinName: stdin?.stdinFilename)
    }

    /// With configurations found per file: each one that applied (`nil`: none) and to how many inputs, in
    /// order of first use.
    private(set) var configurationUses: [(path: String?, files: Int)] = []

    /// How the summary line names the configuration: the one file (`nil`: none) that applied to every
    /// input, else each with its count of files.
    var summaryConfigurations: (one: String?, several: [String]) {
        guard configurationUses.count > 1 else {
            return (configurationUses.first.map { $0.path.flatMap(ConfigOptions.displayPath) } ?? ConfigOptions.displayPath(config), [])
        }
        return (nil, configurationUses.map { use in
            (use.path.flatMap(ConfigOptions.displayPath) ?? "none") + " (\(use.files) \(use.files == 1 ? "file" : "files"))"
        })
    }
}

extension RunPlan {
    /// The one rule set of a JSON Lines run over `inputs`; nil when configuration overrides give them
    /// different rules (they must then be checked in separate runs).
    func corpusRuleSet(_ inputs: [String]) -> RuleSet? {
        let sets = inputs.map { ruleSets.ruleSet(for: $0) }
        return sets.allSatisfy { $0 === sets[0] } ? sets[0] : nil
    }

    static let mixedCorpusRules = "these JSON Lines inputs get different rules (from different configuration files, or from the overrides of one); check them in separate runs"

    /// The rule set for one input (`nil`: no input, the run-wide rule set), for commands that check no
    /// folders (`clean`, `rules`).
    static func ruleSet(for input: String?, configOptions: ConfigOptions, ruleOptions: RuleOptions) throws(ScrapeLintError) -> RuleSet {
        let plan = try RunPlan(paths: input.map { [$0] } ?? [], configOptions: configOptions, ruleOptions: ruleOptions)
        return plan.ruleSets.ruleSet(for: input ?? "-")
    }
}
