import Foundation
import PCRE2

/// A rule with its patterns compiled: what the checker runs. Immutable and shared between threads.
public final class CompiledRule: Sendable {
    public let rule: Rule
    /// The position of this rule in its ``RuleSet``.
    public let index: Int
    let pattern: Pattern
    /// For line rules: the per-line prefilters the search stage may use (see ``LinePrefilters``).
    let linePrefilters: LinePrefilters
    let unless: Pattern?
    let message: Template
    let replacement: Template?
    let limits: MatchLimits

    init(rule: Rule, index: Int, defaultLimits: MatchLimits) throws(PCRE2Error) {
        self.rule = rule
        self.index = index
        let options = rule.flags.reduce(into: CompileOptions()) { $0.formUnion($1.compileOption) }
        let pattern = try Pattern(rule.pattern, options: options)
        self.pattern = pattern
        linePrefilters = rule.scope == .line ? try LinePrefilters(source: rule.pattern, pattern: pattern, options: options) : .none
        unless = try rule.unless.map { source throws(PCRE2Error) in try Pattern(source, options: options) }
        // The loader has checked both templates; a failure here means a rule built by hand is wrong.
        message = (try? Template(rule.message, captureCount: pattern.captureCount, names: pattern.groupNames))
            ?? (try! Template(rule.message.replacingOccurrences(of: "$", with: "$$"), captureCount: 0, names: [:]))
        replacement = rule.replacement.flatMap {
            try? Template($0, captureCount: pattern.captureCount, names: pattern.groupNames)
        }
        limits = rule.limits ?? defaultLimits
    }

    public var id: String { rule.id }

    /// The safety of the rule's fixes, which the checker stamps on each of them.
    var fixSafety: FixSafety { rule.effectiveFixSafety }

    /// True when the rule's raw matches in a line or paragraph (before `near`, `zone` and `min-run`)
    /// depend on nothing but that unit, so that the fix loop may reuse them for units a fix left unchanged.
    var isLocal: Bool { rule.scope == .line || rule.scope == .paragraph }

    /// How the search stage finds this rule's candidate units when no Vectorscan database covers it:
    /// `line-start`, `required-byte`, `scan`, `per-line` (see ``LinePrefilters``), `paragraph`, `document`.
    public var strategy: String {
        switch rule.scope {
        case .paragraph: return "paragraph"
        case .document: return "document"
        case .line: return linePrefilters.strategy
        }
    }

    /// The largest number of capture groups among the patterns, to size per-thread scratch.
    var captureCapacity: Int { max(pattern.captureCount, unless?.captureCount ?? 0) }
}

