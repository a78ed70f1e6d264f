import PCRE2

/// The rule sets of a run: one for each distinct combination of a configuration file and the `overrides`
/// of it that the inputs match, all built (and so validated) before any input is read, and a catalog of
/// every rule any of them holds, for the reporters.
public final class RuleSetPlan: Sendable {
    /// Every rule of every rule set (the first definition of an id wins), in load order.
    public let catalog: RuleSet
    private let ruleSets: [Key: RuleSet]
    private let keys: [String: Key]
    private let fallback: Key
    /// The configuration that applies to each input (`nil`: none).
    private let configs: [String: ConfigFile]

    /// What makes two inputs' rules the same: the configuration file (by path) and the overrides of it
    /// that match.
    private struct Key: Hashable, Comparable {
        var config: String?
        var overrides: [Int]

        static func < (a: Key, b: Key) -> Bool {
            if a.config != b.config { return (a.config ?? "") < (b.config ?? "") }
            return a.overrides.lexicographicallyPrecedes(b.overrides)
        }
    }

    /// Plans for the `inputs`, all under one configuration (`--config`, `--isolated`, or the one found from
    /// the current folder). See ``init(inputs:runConfig:commandLine:workingDirectory:limits:stdinName:)``.
    public convenience init(config: ConfigFile?, commandLine: SettingsLayer, inputs: [String], workingDirectory: String,
                            limits: MatchLimits = .default, stdinName: String? = nil) throws(ScrapeLintError) {
        try self.init(inputs: inputs.map { ($0, config) }, runConfig: config, commandLine: commandLine,
                      workingDirectory: workingDirectory, limits: limits, stdinName: stdinName)
    }

    /// Plans for the `inputs`, each with the configuration that applies to it. The layers per input are:
    /// its configuration's base, the overrides of it that match the input, then `commandLine`, which wins.
    /// `runConfig` gives the rule set of an input not planned for (and of a run without inputs).
    /// `limits` are the PCRE2 limits of rules that set none of their own.
    /// Standard input (`-`) matches overrides as `stdinName` when one is given (`--stdin-filename`).
    public init(inputs: [(input: String, config: ConfigFile?)], runConfig: ConfigFile?, commandLine: SettingsLayer,
                workingDirectory: String, limits: MatchLimits = .default, stdinName: String? = nil) throws(ScrapeLintError) {
        var keys: [String: Key] = [:]
        var files: [String?: ConfigFile] = [:]
        var configs: [String: ConfigFile] = [:]
        if let runConfig { files[runConfig.path] = runConfig }
        for (input, config) in inputs {
            let name = input == "-" ? (stdinName ?? input) : input
            keys[input] = Key(config: config?.path, overrides: config?.overrides(matching: name, workingDirectory: workingDirectory) ?? [])
            if let config {
                files[config.path] = config
                configs[input] = config
            }
        }
        let fallback = Key(config: runConfig?.path, overrides: [])
        var ruleSets: [Key: RuleSet] = [:]
        // One pattern compiled once for every rule set of the run.
        var patterns = CompiledPatterns()
        for key in [fallback] + Set(keys.values).sorted() where ruleSets[key] == nil {
            let settings = Settings(config: key.config.flatMap { files[$0] }, overrides: key.overrides, commandLine: commandLine)
            ruleSets[key] = try settings.ruleSelection.makeRuleSet(limits: limits, patterns: &patterns)
        }
        if ruleSets.count == 1 {
            // The common case (one configuration, no override applies): no need to compile the rules again.
            catalog = ruleSets[fallback]!
        } else {
            var seen = Set<String>()
            var all: [Rule] = []
            for key in ruleSets.keys.sorted() {
                for compiled in ruleSets[key]!.rules where seen.insert(compiled.id).inserted { all.append(compiled.rule) }
            }
            catalog = try RuleSet(all, limits: limits, patterns: &patterns)
        }
        self.ruleSets = ruleSets
        self.keys = keys
        self.fallback = fallback
        self.configs = configs
    }

    /// The rule set for an input given to the initializer.
    public func ruleSet(for input: String) -> RuleSet {
        ruleSets[keys[input] ?? fallback] ?? ruleSets[fallback]!
    }

    /// The configuration file that applies to an input given to the initializer (`nil`: none).
    public func config(for input: String) -> ConfigFile? {
        configs[input]
    }
}
