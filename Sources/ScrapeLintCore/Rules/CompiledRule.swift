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
    /// For paragraph rules anchored at the paragraph's start: the bytes a paragraph they match starts with
    /// (see ``LinePrefilters/paragraphStartBytes(_:pattern:options:)``).
    let paragraphStartBytes: ByteSet?
    let unless: Pattern?
    let message: Template
    let replacement: Template?
    let limits: MatchLimits

    /// Why a rule could not be compiled.
    enum Failure: Error, CustomStringConvertible {
        case pattern(PCRE2Error)
        case template(key: String, Template.ParseError, captureCount: Int)

        var description: String {
            switch self {
            case .pattern(let error): "\(error)"
            case .template(let key, let error, let captureCount): RuleLoader.describe(error, key: key, captureCount: captureCount)
            }
        }
    }

    /// Compiles `rule`'s patterns, or takes them from `patterns` when they are there (the loader compiled
    /// them when it checked the rule), and adds them.
    init(rule: Rule, index: Int, defaultLimits: MatchLimits, patterns: inout CompiledPatterns) throws(Failure) {
        self.rule = rule
        self.index = index
        let options = rule.compileOptions
        do {
            let pattern = try patterns.pattern(rule.pattern, options: options)
            self.pattern = pattern
            linePrefilters = rule.scope == .line ? try LinePrefilters(source: rule.pattern, pattern: pattern, options: options) : .none
            paragraphStartBytes = rule.scope == .paragraph
                ? LinePrefilters.paragraphStartBytes(rule.pattern, pattern: pattern, options: options) : nil
            if let source = rule.unless {
                unless = try patterns.pattern(source, options: options)
            } else {
                unless = nil
            }
        } catch {
            throw .pattern(error)
        }
        // The loader has checked both templates; a rule built by hand with a broken one is refused here,
        // never turned into a silent delete.
        let captures = pattern.captureCount
        let names = pattern.groupNames
        do {
            message = try Template(rule.message, captureCount: captures, names: names)
        } catch {
            throw .template(key: "message", error, captureCount: captures)
        }
        if let text = rule.replacement {
            do {
                replacement = try Template(text, captureCount: captures, names: names)
            } catch {
                throw .template(key: "replacement", error, captureCount: captures)
            }
        } else {
            replacement = nil
        }
        limits = rule.limits ?? defaultLimits
    }

    /// `other` at position `index` of another rule set, nothing compiled again. With `newHandles`, the
    /// patterns get handles of their own (for a rule set used by another thread).
    init(_ other: CompiledRule, index: Int, newHandles: Bool) {
        rule = other.rule
        self.index = index
        pattern = newHandles ? Pattern(sharing: other.pattern) : other.pattern
        linePrefilters = newHandles ? other.linePrefilters.sharing() : other.linePrefilters
        paragraphStartBytes = other.paragraphStartBytes
        unless = newHandles ? other.unless.map(Pattern.init(sharing:)) : other.unless
        message = other.message
        replacement = other.replacement
        limits = other.limits
    }

    public var id: String { rule.id }

    /// The safety of the rule's fixes, which the checker stamps on each of them.
    var fixSafety: FixSafety { rule.effectiveFixSafety }

    /// True when the rule's raw matches in a line or paragraph (before `near`, `zone` and `min-run`)
    /// depend on nothing but that unit, so that the fix loop may reuse them for units a fix left unchanged.
    var isLocal: Bool { rule.scope == .line || rule.scope == .paragraph }

    /// How the search stage finds this rule's candidate units when no Vectorscan database covers it:
    /// `line-start`, `required-byte`, `scan`, `per-line` (see ``LinePrefilters``), `paragraph-start`,
    /// `paragraph`, `document`.
    public var strategy: String {
        switch rule.scope {
        case .paragraph: return paragraphStartBytes != nil ? "paragraph-start" : "paragraph"
        case .document: return "document"
        case .line: return linePrefilters.strategy
        }
    }

    /// The largest number of capture groups among the patterns, to size per-thread scratch.
    var captureCapacity: Int { max(pattern.captureCount, unless?.captureCount ?? 0) }
}

