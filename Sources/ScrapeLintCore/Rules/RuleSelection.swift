import PCRE2

/// Which rules a run uses: the built-in packs and extra rule files, with severities overridden per rule,
/// narrowed by `select` / `ignore` (rule ids or categories) and a minimum severity. The one path from
/// options (the command line, a configuration file, a library caller) to a ``RuleSet``.
public struct RuleSelection: Hashable, Sendable {
    public var builtin: Bool
    /// Rule files, or folders of `*.yml` rule files.
    public var ruleFiles: [String]
    /// Rule ids or categories to run; empty for every rule outside the opt-in categories
    /// (``Rule/optInCategories``).
    public var select: [String]
    /// Rule ids or categories to skip.
    public var ignore: [String]
    /// Severity per rule id, replacing the rule file's.
    public var severities: [String: Rule.Severity]
    /// Rules below this level do not run (nor report, nor fix).
    public var minimumSeverity: Rule.Severity?

    public init(builtin: Bool = true, ruleFiles: [String] = [], select: [String] = [], ignore: [String] = [],
                severities: [String: Rule.Severity] = [:], minimumSeverity: Rule.Severity? = nil) {
        self.builtin = builtin
        self.ruleFiles = ruleFiles
        self.select = select
        self.ignore = ignore
        self.severities = severities
        self.minimumSeverity = minimumSeverity
    }

    /// Loads the rules (built-in first, then the files in order) with the severities applied.
    public func loadRules() throws(ScrapeLintError) -> [Rule] {
        var rules: [Rule] = []
        if builtin { rules += try RuleSources.builtinRules() }
        rules += try RuleSources.loadRules(from: ruleFiles)
        let ids = rules.map(\.id)
        for id in severities.keys.sorted() where !ids.contains(id) {
            throw .unknownRule(id, suggestion: Suggestion.closest(to: id, in: ids.sorted()))
        }
        for index in rules.indices {
            if let severity = severities[rules[index].id] { rules[index].severity = severity }
        }
        return rules
    }

    /// Loads, compiles and narrows the rules. Every name in `select` and `ignore` must be a loaded rule
    /// id or category.
    public func makeRuleSet(limits: MatchLimits = .default) throws(ScrapeLintError) -> RuleSet {
        let all = try RuleSet(try loadRules(), limits: limits)
        let known = Set(all.rules.map(\.id) + all.rules.map(\.rule.category))
        for name in select + ignore where !known.contains(name) {
            throw .unknownSelector(name, suggestion: Suggestion.closest(to: name, in: known.sorted()))
        }
        let belowMinimum = minimumSeverity.map { minimum in all.rules.filter { $0.rule.severity < minimum }.map(\.id) } ?? []
        let optIn = all.rules.contains { $0.rule.optInReason != nil }
        guard !select.isEmpty || !ignore.isEmpty || !belowMinimum.isEmpty || optIn else { return all }
        return try all.selecting(select, ignoring: ignore + belowMinimum)
    }
}
