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
    /// Added to `select` (to everything, when `select` is empty): ruff's `extend-select`.
    public var extendSelect: [String]
    /// Added to `ignore`: ruff's `extend-ignore`.
    public var extendIgnore: [String]
    /// Dropped whatever the other lists say (`per-file-ignores`).
    public var perFileIgnore: [String]
    /// Severity per rule id, replacing the rule file's.
    public var severities: [String: Rule.Severity]
    /// Where each of `severities` was set, so that one naming no rule is reported there.
    public var severitySources: [String: SettingSource] = [:]
    /// Rules below this level do not run (nor report, nor fix).
    public var minimumSeverity: Rule.Severity?

    public init(builtin: Bool = true, ruleFiles: [String] = [], select: [String] = [], ignore: [String] = [],
                severities: [String: Rule.Severity] = [:], minimumSeverity: Rule.Severity? = nil,
                extendSelect: [String] = [], extendIgnore: [String] = [], perFileIgnore: [String] = []) {
        self.builtin = builtin
        self.ruleFiles = ruleFiles
        self.select = select
        self.ignore = ignore
        self.extendSelect = extendSelect
        self.extendIgnore = extendIgnore
        self.perFileIgnore = perFileIgnore
        self.severities = severities
        self.minimumSeverity = minimumSeverity
    }

    /// Loads the rules (built-in first, then the files in order) with the severities applied.
    public func loadRules() throws(ScrapeLintError) -> [Rule] {
        var patterns = CompiledPatterns()
        return try loadRules(patterns: &patterns)
    }

    /// ``loadRules()``, adding the patterns the loader compiled to `patterns`.
    func loadRules(patterns: inout CompiledPatterns) throws(ScrapeLintError) -> [Rule] {
        var rules: [Rule] = []
        if builtin { rules += try RuleSources.builtinRules() }
        rules += try RuleSources.loadRules(from: ruleFiles, patterns: &patterns)
        let ids = rules.map(\.id)
        var unknown: [Diagnostic] = []
        for id in severities.keys.sorted() where !ids.contains(id) {
            let suggestion = Suggestion.closest(to: id, in: ids.sorted())
            guard case .file(let path, let line, let column) = severitySources[id] else {
                throw .unknownRule(id, suggestion: suggestion)
            }
            unknown.append(Diagnostic(path: path, line: line, column: column,
                                      message: "`severity` names no rule `\(id)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? "")))
        }
        if !unknown.isEmpty { throw .invalidConfig(unknown.sorted { ($0.path, $0.line, $0.column) < ($1.path, $1.line, $1.column) }) }
        for index in rules.indices {
            if let severity = severities[rules[index].id] { rules[index].severity = severity }
        }
        return rules
    }

    /// Loads, compiles and narrows the rules. Every name in `select`, `ignore` and their `extend` forms
    /// must be a ``RuleSelector``: `ALL`, a loaded rule id or category, or a `prefix-` of loaded ids.
    public func makeRuleSet(limits: MatchLimits = .default) throws(ScrapeLintError) -> RuleSet {
        var patterns = CompiledPatterns()
        return try makeRuleSet(limits: limits, patterns: &patterns)
    }

    /// ``makeRuleSet(limits:)`` with the patterns compiled so far in the run (each is compiled once: the
    /// loader's are the ones that run), adding the new ones.
    func makeRuleSet(limits: MatchLimits = .default, patterns: inout CompiledPatterns) throws(ScrapeLintError) -> RuleSet {
        let all = try RuleSet(try loadRules(patterns: &patterns), limits: limits, patterns: &patterns)
        let belowMinimum = minimumSeverity.map { minimum in all.rules.filter { $0.rule.severity < minimum }.map(\.id) } ?? []
        let selected = extendSelect.isEmpty ? select : (select.isEmpty ? [RuleSelector.allName] : select) + extendSelect
        let ignored = ignore + extendIgnore
        let optIn = all.rules.contains { $0.rule.optInReason != nil }
        guard !selected.isEmpty || !ignored.isEmpty || !belowMinimum.isEmpty || !perFileIgnore.isEmpty || optIn else { return all }
        let rules = all.rules.map(\.rule)
        var chosen = try RuleSelector.chosen(rules, select: selected, ignore: ignored + belowMinimum)
        for name in perFileIgnore {
            let selector = try RuleSelector(name, rules: rules)
            chosen = chosen.filter { id in !selector.matches(all[id]!.rule) }
        }
        return try all.selecting(ids: chosen)
    }
}
