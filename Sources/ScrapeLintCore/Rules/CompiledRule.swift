import Foundation
import PCRE2

/// A rule with its patterns compiled: what the checker runs. Immutable and shared between threads.
public final class CompiledRule: Sendable {
    public let rule: Rule
    /// The position of this rule in its ``RuleSet``.
    public let index: Int
    let pattern: Pattern
    /// For line rules: the same pattern in multiline mode, run over a whole text to find candidate lines
    /// quickly. `nil` when the pattern's meaning could change at line edges (lookarounds, `\A`, `\z`, `\G`),
    /// in which case every line is matched on its own.
    let lineFinder: Pattern?
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
        if rule.scope == .line && CompiledRule.isLineFinderSafe(rule.pattern) {
            lineFinder = try Pattern(rule.pattern, options: options.union(.multiline))
        } else {
            lineFinder = nil
        }
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

    /// Constructs that see past the edges of a subject, so that matching a line inside a larger buffer could
    /// differ from matching the line alone.
    static func isLineFinderSafe(_ source: String) -> Bool {
        let risky = ["(?=", "(?!", "(?<=", "(?<!", "(*", "\\A", "\\z", "\\Z", "\\G", "\\K"]
        return !risky.contains { source.contains($0) }
    }

    /// The largest number of capture groups among the patterns, to size per-thread scratch.
    var captureCapacity: Int { max(pattern.captureCount, unless?.captureCount ?? 0) }
}

