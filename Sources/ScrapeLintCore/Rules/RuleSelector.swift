/// One name in `select` / `ignore` (and their `extend-` forms), as ruff reads its selectors: `ALL`, a
/// category (`credits`), an id prefix ending in `-` (`caption-`), or a rule id. When a rule is matched by
/// both a select and an ignore entry, the more specific entry wins (an id over a prefix, a longer prefix
/// over a shorter one, a prefix over a category, a category over `ALL`); at equal specificity, ignore wins.
public enum RuleSelector: Hashable, Sendable {
    case all
    case category(String)
    case prefix(String)
    case id(String)

    /// The spelling of ``all``.
    public static let allName = "ALL"

    /// Reads `name` against the loaded rules: it must be `ALL`, a category, a rule id, or a prefix ending in
    /// `-` of at least one id.
    public init(_ name: String, rules: [Rule]) throws(ScrapeLintError) {
        if name == Self.allName {
            self = .all
        } else if rules.contains(where: { $0.id == name }) {
            self = .id(name)
        } else if rules.contains(where: { $0.category == name }) {
            self = .category(name)
        } else if name.hasSuffix("-"), rules.contains(where: { $0.id.hasPrefix(name) }) {
            self = .prefix(name)
        } else {
            let known = Set(rules.map(\.id) + rules.map(\.category)).sorted() + [Self.allName]
            throw .unknownSelector(name, suggestion: Suggestion.closest(to: name, in: known))
        }
    }

    public func matches(_ rule: Rule) -> Bool {
        switch self {
        case .all: true
        case .category(let name): rule.category == name
        case .prefix(let prefix): rule.id.hasPrefix(prefix)
        case .id(let id): rule.id == id
        }
    }

    /// Higher is more specific.
    var specificity: Int {
        switch self {
        case .all: 0
        case .category: 1
        case .prefix(let prefix): 2 + prefix.count
        case .id: Int.max
        }
    }

    /// The ids of the `rules` that `select` (everything when empty) picks and `ignore` does not drop, the
    /// names read as selectors.
    public static func chosen(_ rules: [Rule], select: [String], ignore: [String]) throws(ScrapeLintError) -> Set<String> {
        var selectors: [RuleSelector] = [], ignored: [RuleSelector] = []
        for name in select { selectors.append(try RuleSelector(name, rules: rules)) }
        for name in ignore { ignored.append(try RuleSelector(name, rules: rules)) }
        return chosen(rules, select: selectors, ignore: ignored)
    }

    /// The ids of the `rules` that `select` (everything when empty) picks and `ignore` does not drop.
    public static func chosen(_ rules: [Rule], select: [RuleSelector], ignore: [RuleSelector]) -> Set<String> {
        let select = select.isEmpty ? [.all] : select
        var chosen = Set<String>()
        for rule in rules {
            let picked = select.filter { $0.matches(rule) }.map(\.specificity).max()
            let dropped = ignore.filter { $0.matches(rule) }.map(\.specificity).max()
            if let picked, picked > (dropped ?? -1) { chosen.insert(rule.id) }
        }
        return chosen
    }
}
