import PCRE2

/// The per-line prefilters of one line rule, derived from its compiled pattern: each answers "may this
/// line match?" without calling PCRE2 on lines that cannot. Used when no Vectorscan database covers the
/// rule, and for the lines a fix changed (the fix loop re-searches only those).
struct LinePrefilters: Sendable {
    /// For rules that can only match at the start of a line: the bytes such a line can start with.
    let lineStartBytes: ByteSet?
    /// A rare byte (punctuation or non-ASCII) every match contains.
    let requiredBytes: [UInt8]?
    /// The same pattern in multiline mode, run over a whole text to find candidate lines quickly; nil when
    /// the pattern's meaning could change at line edges (lookarounds, `\A`, `\z`, `\G`).
    let multilineFinder: Pattern?

    /// For a paragraph rule anchored at the paragraph's start (`\A`, or `^` without multiline): the bytes such
    /// a paragraph can start with (the search stage uses them for valid UTF-8 documents only: in a paragraph
    /// with invalid bytes `\A` also matches where a valid segment starts).
    static func paragraphStartBytes(_ source: String, pattern: Pattern, options: CompileOptions) -> ByteSet? {
        guard !options.contains(.multiline) else { return nil }
        return lineStartBytes(source, pattern: pattern, options: options, anchor: "\\A")
            ?? lineStartBytes(source, pattern: pattern, options: options)
    }

    static let none = LinePrefilters(lineStartBytes: nil, requiredBytes: nil, multilineFinder: nil)

    private init(lineStartBytes: ByteSet?, requiredBytes: [UInt8]?, multilineFinder: Pattern?) {
        self.lineStartBytes = lineStartBytes
        self.requiredBytes = requiredBytes
        self.multilineFinder = multilineFinder
    }

    init(source: String, pattern: Pattern, options: CompileOptions) throws(PCRE2Error) {
        lineStartBytes = LinePrefilters.lineStartBytes(source, pattern: pattern, options: options)
        if let required = pattern.requiredBytes,
           required.allSatisfy({ !($0 >= 48 && $0 <= 57 || $0 >= 65 && $0 <= 90 || $0 >= 97 && $0 <= 122 || $0 == 32 || $0 == 9) }) {
            requiredBytes = required
        } else {
            requiredBytes = nil
        }
        // The multiline twin is only used when neither cheaper prefilter applies: compile it only then.
        multilineFinder = lineStartBytes == nil && requiredBytes == nil && LinePrefilters.isLineFinderSafe(source)
            ? try Pattern(source, options: options.union(.multiline)) : nil
    }

    /// The same prefilters with their own handle on the multiline pattern (for another thread).
    func sharing() -> LinePrefilters {
        LinePrefilters(lineStartBytes: lineStartBytes, requiredBytes: requiredBytes, multilineFinder: multilineFinder.map(Pattern.init(sharing:)))
    }

    /// The name `--timings` shows: `line-start`, `required-byte`, `scan` or `per-line`.
    var strategy: String {
        if lineStartBytes != nil { return "line-start" }
        if requiredBytes != nil { return "required-byte" }
        return multilineFinder != nil ? "scan" : "per-line"
    }

    /// Constructs that see past the edges of a subject, so that matching a line inside a larger buffer could
    /// differ from matching the line alone.
    static func isLineFinderSafe(_ source: String) -> Bool {
        !contains(source, anyOf: ["(?=", "(?!", "(?<=", "(?<!", "(*", "\\A", "\\z", "\\Z", "\\G", "\\K"])
    }

    /// Whether `source` holds one of `tokens`, compared as bytes (Foundation's `String.contains` goes
    /// through NSString and cost a third of start-up).
    static func contains(_ source: String, anyOf tokens: [String]) -> Bool {
        let bytes = Array(source.utf8)
        return tokens.contains { token in
            let needle = Array(token.utf8)
            guard bytes.count >= needle.count else { return false }
            return (0...(bytes.count - needle.count)).contains { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
        }
    }

    /// The possible first bytes of lines a line-anchored pattern can match: the start bitmap of the pattern
    /// without its leading `^` (or `anchor`: a paragraph rule's `\A`). Only for patterns PCRE2 reports as
    /// anchored (so no top-level alternative escapes the anchor) and that cannot match an empty line.
    static func lineStartBytes(_ source: String, pattern: Pattern, options: CompileOptions, anchor: String = "^") -> ByteSet? {
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
            guard rest.hasPrefix("(?(DEFINE)"), let end = LinePrefilters.closingParenthesis(of: rest, extended: extended) else { break }
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

}
