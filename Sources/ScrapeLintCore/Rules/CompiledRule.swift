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
    /// For line rules that can only match at the start of a line: the bytes such a line can start with.
    /// Lines starting with any other byte are skipped without calling PCRE2, which makes anchored rules
    /// nearly free on prose.
    let lineStartBytes: ByteSet?
    /// For line rules: a rare byte (punctuation or non-ASCII) every match contains; lines without it are
    /// skipped without calling PCRE2.
    let lineRequiredBytes: [UInt8]?
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
        lineStartBytes = rule.scope == .line ? CompiledRule.lineStartBytes(rule.pattern, pattern: pattern, options: options) : nil
        if rule.scope == .line, let required = pattern.requiredBytes,
           required.allSatisfy({ !($0 >= 48 && $0 <= 57 || $0 >= 65 && $0 <= 90 || $0 >= 97 && $0 <= 122 || $0 == 32 || $0 == 9) }) {
            lineRequiredBytes = required
        } else {
            lineRequiredBytes = nil
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

    /// The safety of the rule's fixes, which the checker stamps on each of them.
    var fixSafety: FixSafety { rule.effectiveFixSafety }

    /// True when the rule's raw matches in a line or paragraph (before `near`, `zone` and `min-run`)
    /// depend on nothing but that unit, so that the fix loop may reuse them for units a fix left unchanged.
    var isLocal: Bool { rule.scope == .line || rule.scope == .paragraph }

    /// How the checker finds this rule's matches, fastest first: `line-start` (lines filtered by their
    /// first byte), `required-byte` (lines filtered by a rare byte every match holds), `scan` (one
    /// multiline scan of the text), `per-line` (every line matched on its own: lookarounds or anchors
    /// that see past a line), `paragraph`, `document`. Shown by `--timings` so authors see what to fix.
    public var strategy: String {
        switch rule.scope {
        case .paragraph: return "paragraph"
        case .document: return "document"
        case .line:
            if lineStartBytes != nil { return "line-start" }
            if lineRequiredBytes != nil { return "required-byte" }
            return lineFinder != nil ? "scan" : "per-line"
        }
    }

    /// Constructs that see past the edges of a subject, so that matching a line inside a larger buffer could
    /// differ from matching the line alone.
    static func isLineFinderSafe(_ source: String) -> Bool {
        let risky = ["(?=", "(?!", "(?<=", "(?<!", "(*", "\\A", "\\z", "\\Z", "\\G", "\\K"]
        let bytes = Array(source.utf8)
        return !risky.contains { token in
            let needle = Array(token.utf8)
            guard bytes.count >= needle.count else { return false }
            return (0...(bytes.count - needle.count)).contains { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
        }
    }

    /// The possible first bytes of lines a line-anchored pattern can match: the start bitmap of the pattern
    /// without its leading `^`. Only for patterns PCRE2 reports as anchored (so no top-level alternative
    /// escapes the `^`) and that cannot match an empty line.
    static func lineStartBytes(_ source: String, pattern: Pattern, options: CompileOptions) -> ByteSet? {
        guard pattern.isAnchored else { return nil }
        let extended = options.contains(.extended)
        func skipSpace(_ text: Substring) -> Substring {
            extended ? text.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" } : text
        }
        var rest = Substring(source)
        var prefix = Substring("")
        // `(?(DEFINE)...)` groups before the `^` only define subpatterns; keep them, drop the `^`.
        while true {
            rest = skipSpace(rest)
            guard rest.hasPrefix("(?(DEFINE)"), let end = CompiledRule.closingParenthesis(of: rest, extended: extended) else { break }
            prefix += rest[..<end]
            rest = rest[end...]
        }
        guard rest.hasPrefix("^") else { return nil }
        guard let unanchored = try? Pattern(String(prefix + rest.dropFirst()), options: options, jit: false),
              !unanchored.canMatchEmpty, let bytes = unanchored.firstBytes
        else { return nil }
        return bytes
    }

    /// The index just after the parenthesis that closes the group opening `text`, honouring escapes,
    /// character classes and (in extended mode) comments; nil when unbalanced.
    static func closingParenthesis(of text: Substring, extended: Bool) -> Substring.Index? {
        var depth = 0
        var index = text.startIndex
        var inClass = false
        while index < text.endIndex {
            let character = text[index]
            if character == "\\" {
                index = text.index(after: index)
                if index < text.endIndex { index = text.index(after: index) }
                continue
            }
            if inClass {
                if character == "]" { inClass = false }
            } else if character == "[" {
                inClass = true
                // A `]` right after `[` or `[^` is literal.
                var next = text.index(after: index)
                if next < text.endIndex, text[next] == "^" { next = text.index(after: next) }
                if next < text.endIndex, text[next] == "]" { index = next }
            } else if extended && character == "#" {
                while index < text.endIndex, text[index] != "\n" { index = text.index(after: index) }
                continue
            } else if character == "(" {
                depth += 1
            } else if character == ")" {
                depth -= 1
                if depth == 0 { return text.index(after: index) }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// The largest number of capture groups among the patterns, to size per-thread scratch.
    var captureCapacity: Int { max(pattern.captureCount, unless?.captureCount ?? 0) }
}

