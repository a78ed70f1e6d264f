import PCRE2

/// The possible first bytes of the lines a line-anchored pattern can match: the start bitmap PCRE2 computes
/// for the pattern without its leading `^`. Deriving it takes a second compile of the pattern, so the
/// build-time tool embed-rules derives it for the built-in packs and embeds the results (by ``PatternKey``);
/// the run-time prefilter (`LinePrefilters`) derives it only for patterns that table does not hold (user
/// rule files, or a PCRE2 library other than the build's). `BuiltinRuleTests` checks the tables against
/// ``derive(_:pattern:options:anchor:)`` and ``paragraphStart(_:pattern:options:)``.
package enum LineStartBytes {
    /// Whether ``derive(_:pattern:options:anchor:)`` (and ``paragraphStart(_:pattern:options:)``) compile a
    /// second pattern for `pattern` (they do only for anchored ones): the patterns whose result is worth embedding.
    package static func needsCompile(_ pattern: Pattern) -> Bool { pattern.isAnchored }

    /// For a paragraph rule anchored at the paragraph's start (`\A`, or `^` without multiline): the bytes
    /// such a paragraph can start with, or nil. Embedded for the built-in packs as the line-start bytes are.
    package static func paragraphStart(_ source: String, pattern: Pattern, options: CompileOptions) -> ByteSet? {
        guard !options.contains(.multiline) else { return nil }
        return derive(source, pattern: pattern, options: options, anchor: "\\A") ?? derive(source, pattern: pattern, options: options)
    }

    /// The line-start bytes of `source` (compiled as `pattern` with `options`), or nil when it has none: only
    /// for patterns PCRE2 reports as anchored (so no top-level alternative escapes the `^`) whose variant
    /// without the `^` compiles and cannot match an empty line. A variant that fails to compile simply gives
    /// no prefilter (it is a derived pattern, never run: the rule's own pattern compiled).
    ///
    /// With `anchor` `\A` (a paragraph rule's), the same for a pattern anchored at the subject's start.
    package static func derive(_ source: String, pattern: Pattern, options: CompileOptions, anchor: String = "^") -> ByteSet? {
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
            guard rest.hasPrefix("(?(DEFINE)"), let end = closingParenthesis(of: rest, extended: extended) else { break }
            prefix += rest[..<end]
            rest = rest[end...]
        }
        guard rest.hasPrefix(anchor) else { return nil }
        guard let unanchored = try? Pattern(String(prefix + rest.dropFirst(anchor.count)), options: options, jit: false),
              !unanchored.canMatchEmpty, let bytes = unanchored.firstBytes
        else { return nil }
        return bytes
    }

    /// The index just after the parenthesis that closes the group opening `text`, honouring escapes,
    /// character classes and (in extended mode) comments; nil when unbalanced.
    package static func closingParenthesis(of text: Substring, extended: Bool) -> Substring.Index? {
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
}
