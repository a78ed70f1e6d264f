import PCRE2

/// A rule as written in a rule file: pure data, validated by ``RuleLoader``. ``CompiledRule`` adds the
/// compiled patterns.
public struct Rule: Hashable, Sendable {
    public var id: String
    public var category: String
    public var severity: Severity
    /// The message shown for a violation; `$0`, `$1`, `${name}` interpolate the match and its groups.
    public var message: String
    /// One paragraph for `rules --explain`: what the rule removes and what it deliberately leaves alone.
    public var description: String
    public var scope: Scope
    public var pattern: String
    public var flags: [Flag]
    /// A pattern that, when it matches anywhere in a scope unit, keeps the rule silent on that unit.
    public var unless: String?
    public var fix: FixKind
    /// The replacement text for `fix: replace` (PCRE2 substitution syntax: `$1`, `${name}`, `$$`).
    public var replacement: String?
    /// The declared `fix-safety` (`nil`: the default of ``fix``; see ``effectiveFixSafety``).
    public var fixSafety: FixSafety?
    public var gates: Gates
    public var limits: MatchLimits?
    public var examples: Examples
    /// Where the rule was defined.
    public var origin: Origin

    package init(id: String, category: String, severity: Severity, message: String, description: String, scope: Scope,
                 pattern: String, flags: [Flag], unless: String?, fix: FixKind, replacement: String?,
                 fixSafety: FixSafety? = nil, gates: Gates, limits: MatchLimits?, examples: Examples, origin: Origin) {
        self.id = id
        self.category = category
        self.severity = severity
        self.message = message
        self.description = description
        self.scope = scope
        self.pattern = pattern
        self.flags = flags
        self.unless = unless
        self.fix = fix
        self.replacement = replacement
        self.fixSafety = fixSafety
        self.gates = gates
        self.limits = limits
        self.examples = examples
        self.origin = origin
    }

    /// Categories whose rules run only when `select` names them (or one of their rules), with the reason.
    /// Their rules rewrite text that may be the author's own (whitespace, invisible characters) instead of
    /// removing noise, so the default run never changes a clean text.
    public static let optInCategories: [String: String] = [
        "normalisation": "rewrites text instead of removing noise (trailing whitespace, blank-line runs, invisible characters); run it with --select normalisation",
    ]

    /// Why the rule is off unless selected; nil for a rule that runs by default.
    public var optInReason: String? { Rule.optInCategories[category] }

    public enum Severity: String, CaseIterable, Comparable, Sendable {
        case info, warning, error

        private var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// The unit of text a match lives in; a match never crosses the boundary of its unit.
    public enum Scope: String, CaseIterable, Sendable {
        /// One line, without its terminator.
        case line
        /// A run of non-blank lines.
        case paragraph
        /// The whole text (after a BOM).
        case document
    }

    public enum Flag: String, CaseIterable, Sendable {
        case caseless, multiline, dotall, extended, ungreedy

        package var compileOption: CompileOptions {
            switch self {
            case .caseless: .caseless
            case .multiline: .multiline
            case .dotall: .dotAll
            case .extended: .extended
            case .ungreedy: .ungreedy
            }
        }
    }

    /// The PCRE2 options of ``flags``: what the pattern (and `unless`) is compiled with.
    package var compileOptions: CompileOptions { flags.reduce(into: CompileOptions()) { $0.formUnion($1.compileOption) } }

    public enum FixKind: String, CaseIterable, Sendable {
        /// Remove the matched bytes (a line left blank by it goes as a whole).
        case deleteMatch = "delete-match"
        /// Remove every line the match touches, with its terminator.
        case deleteLine = "delete-line"
        /// Remove the paragraph holding the match.
        case deleteParagraph = "delete-paragraph"
        /// Replace the match with the expanded ``Rule/replacement``.
        case replace
        /// Report only.
        case none
    }

    /// Example documents that must and must not trigger the rule; they run as tests.
    public struct Examples: Hashable, Sendable {
        public var match: [String]
        public var noMatch: [String]

        public init(match: [String], noMatch: [String]) {
            self.match = match
            self.noMatch = noMatch
        }
    }

    /// The file and position a rule came from (`<builtin>/NAME.yml` for the embedded packs).
    public struct Origin: Hashable, Sendable {
        /// The path prefix under which built-in rules report their origin.
        public static let builtinPrefix = "<builtin>/"

        public var path: String
        public var line: Int
        public var column: Int

        public init(path: String, line: Int, column: Int) {
            self.path = path
            self.line = line
            self.column = column
        }
    }
}
