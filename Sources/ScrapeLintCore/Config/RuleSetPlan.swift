import PCRE2

/// The rule sets of a run: one for each distinct combination of `overrides` that the inputs match, all
/// built (and so validated) before any input is read, and a catalog of every rule any of them holds, for
/// the reporters.
public final class RuleSetPlan: Sendable {
    /// Every rule of every rule set (the first definition of an id wins), in load order.
    public let catalog: RuleSet
    private let ruleSets: [[Int]: RuleSet]
    private let keys: [String: [Int]]

    /// Plans for the `inputs`. The layers per input are: the configuration's base, the overrides that
    /// match it, then `commandLine`, which wins.
    /// `limits` are the PCRE2 limits of rules that set none of their own.
    /// Standard input (`-`) matches overrides as `stdinName` when one is given (`--stdin-filename`).
    public init(config: ConfigFile?, commandLine: SettingsLayer, inputs: [String], workingDirectory: String,
                limits: MatchLimits = .default, stdinName: String? = nil) throws(ScrapeLintError) {
        var keys: [String: [Int]] = [:]
        for input in inputs {
            let name = input == "-" ? (stdinName ?? input) : input
            keys[input] = config?.overrides(matching: name, workingDirectory: workingDirectory) ?? []
        }
        var ruleSets: [[Int]: RuleSet] = [:]
        for key in [[]] + Set(keys.values).sorted(by: { $0.lexicographicallyPrecedes($1) }) where ruleSets[key] == nil {
            ruleSets[key] = try Settings(config: config, overrides: key, commandLine: commandLine).ruleSelection.makeRuleSet(limits: limits)
        }
        if ruleSets.count == 1 {
            // The common case (no override applies): no need to compile the rules again.
            catalog = ruleSets[[]]!
        } else {
            var seen = Set<String>()
            var all: [Rule] = []
            for key in ruleSets.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                for compiled in ruleSets[key]!.rules where seen.insert(compiled.id).inserted { all.append(compiled.rule) }
            }
            catalog = try RuleSet(all, limits: limits)
        }
        self.ruleSets = ruleSets
        self.keys = keys
    }

    /// The rule set for an input given to ``init(config:commandLine:inputs:workingDirectory:)``.
    public func ruleSet(for input: String) -> RuleSet {
        ruleSets[keys[input] ?? []] ?? ruleSets[[]]!
    }
}
