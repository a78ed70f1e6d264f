import Glibc
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
    /// Taken from the table embed-rules made for the built-in packs when it applies, as ``lineStartBytes(_:pattern:options:)``.
    static func paragraphStartBytes(_ source: String, pattern: Pattern, options: CompileOptions) -> ByteSet? {
        guard LineStartBytes.needsCompile(pattern) else { return nil }
        if let embedded = embedded(EmbeddedRulePacks.paragraphStartBytes, source, options: options) { return embedded }
        return LineStartBytes.paragraphStart(source, pattern: pattern, options: options)
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
    /// through NSString and cost a third of start-up; copying each into an array and comparing slices, 1.2 M
    /// instructions for the built-in packs).
    static func contains(_ source: String, anyOf tokens: [String]) -> Bool {
        var source = source
        return source.withUTF8 { bytes in
            tokens.contains { token in
                var token = token
                return token.withUTF8 { needle in
                    guard let first = needle.first, bytes.count >= needle.count else { return false }
                    for start in 0...(bytes.count - needle.count) where bytes[start] == first {
                        if memcmp(bytes.baseAddress! + start, needle.baseAddress!, needle.count) == 0 { return true }
                    }
                    return false
                }
            }
        }
    }

    /// The possible first bytes of lines a line-anchored pattern can match (``LineStartBytes``): taken from
    /// the table embed-rules made for the built-in packs when it holds the pattern and this process runs the
    /// PCRE2 library the build used, else derived now (a second compile of the pattern).
    static func lineStartBytes(_ source: String, pattern: Pattern, options: CompileOptions) -> ByteSet? {
        guard LineStartBytes.needsCompile(pattern) else { return nil }
        if let embedded = embeddedLineStartBytes(source, options: options) { return embedded }
        return LineStartBytes.derive(source, pattern: pattern, options: options)
    }

    /// The embedded result for `source` with `options` (itself nil when the pattern has no line-start
    /// bytes), or nil when the table does not apply.
    static func embeddedLineStartBytes(_ source: String, options: CompileOptions) -> ByteSet?? {
        embedded(EmbeddedRulePacks.lineStartBytes, source, options: options)
    }

    /// The entry of an embedded `table` for `source` with `options`, or nil when the table does not apply.
    static func embedded(_ table: [PatternKey: ByteSet?], _ source: String, options: CompileOptions) -> ByteSet?? {
        guard Pattern.libraryVersion == EmbeddedRulePacks.pcre2Version else { return nil }
        return table[PatternKey(source: source, options: options.rawValue)]
    }
}
