import CPCRE2

/// A compiled PCRE2 pattern over UTF-8 bytes (UTF and UCP on), JIT-compiled on its first match where the
/// platform allows (``LazyJIT``), falling back silently to the interpreter. Immutable after creation (but
/// for that one JIT step, which is thread-safe) and safe to share between threads; matching needs a
/// per-thread ``MatchScratch``.
///
/// Subjects must be valid UTF-8: callers validate once and the pattern matches with `PCRE2_NO_UTF_CHECK`.
public final class Pattern: @unchecked Sendable {
    /// The pattern text as written.
    public let source: String
    public let options: CompileOptions
    /// Number of capture groups (not counting the whole match).
    public let captureCount: Int
    /// Named groups and their numbers.
    public let groupNames: [String: Int]
    /// Whether the JIT compiles this pattern (false means the interpreter runs it). Asking JIT-compiles it
    /// now if no match has yet.
    public var isJITCompiled: Bool { jit.isCompiled(code) }
    private let jit: LazyJIT
    /// True until the first match (or ``isJITCompiled``) has tried the JIT compile.
    var isJITPending: Bool { jit.isPending }
    /// True when every match must start at the start of the subject (e.g. `^` without multiline).
    public let isAnchored: Bool
    /// True when the pattern can match an empty string.
    public let canMatchEmpty: Bool
    /// The bytes a match can start with, when PCRE2 knows them (a first code unit or a start bitmap);
    /// `nil` when any byte may start a match.
    public let firstBytes: ByteSet?
    /// A byte every match must contain (PCRE2's "last code unit"), with its other ASCII case when it is a
    /// letter; `nil` when there is none.
    public let requiredBytes: [UInt8]?
    /// Compiled with CR, LF and CRLF all treated as line endings for `^`, `$` and `.`.
    let code: OpaquePointer
    /// For a pattern made with ``init(sharing:)``: the pattern that owns (and frees) ``code``.
    private let owner: Pattern?

    /// Whether this build of PCRE2 has a JIT.
    public static let jitAvailable: Bool = {
        var value: UInt32 = 0
        return pcre2_config_8(UInt32(PCRE2_CONFIG_JIT), &value) >= 0 && value == 1
    }()

    /// The version of the PCRE2 library this process runs (`10.42 2022-12-11`).
    public static let libraryVersion: String = {
        var buffer = [UInt8](repeating: 0, count: 64)
        let length = pcre2_config_8(UInt32(PCRE2_CONFIG_VERSION), &buffer)
        guard length > 1 else { return "unknown" }
        return String(decoding: buffer.prefix(Int(length) - 1), as: UTF8.self)
    }()

    /// Compiles `source`. Throws ``PCRE2Error/compile(code:message:offset:)`` with PCRE2's message and the
    /// byte offset inside the pattern.
    /// With `jit: false` the JIT step is never taken (for patterns compiled only to be checked or
    /// inspected); otherwise it is taken on the first match.
    public init(_ source: String, options: CompileOptions = [], jit: Bool = true) throws(PCRE2Error) {
        self.source = source
        self.options = options
        var errorCode: Int32 = 0
        var errorOffset = 0
        let flags = options.rawValue | PCRE2_UTF | PCRE2_UCP
        let compileContext = pcre2_compile_context_create_8(nil)
        defer { pcre2_compile_context_free_8(compileContext) }
        pcre2_set_newline_8(compileContext, UInt32(PCRE2_NEWLINE_ANYCRLF))
        let bytes = Array(source.utf8)
        let compiled = bytes.withUnsafeBufferPointer { buffer in
            pcre2_compile_8(buffer.baseAddress, buffer.count, flags, &errorCode, &errorOffset, compileContext)
        }
        guard let compiled else {
            throw .compile(code: errorCode, message: PCRE2Error.message(for: errorCode), offset: errorOffset)
        }
        code = compiled
        owner = nil
        self.jit = LazyJIT(wanted: jit)

        var count: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        captureCount = Int(count)
        groupNames = Pattern.readNameTable(compiled)
        var allOptions: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_ALLOPTIONS), &allOptions)
        isAnchored = allOptions & PCRE2_ANCHORED != 0
        var matchEmpty: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_MATCHEMPTY), &matchEmpty)
        canMatchEmpty = matchEmpty != 0
        firstBytes = Pattern.readFirstBytes(compiled)
        requiredBytes = Pattern.readRequiredBytes(compiled)
    }

    private static func readRequiredBytes(_ code: OpaquePointer) -> [UInt8]? {
        var type: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_LASTCODETYPE), &type)
        guard type == 1 else { return nil }
        var unit: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_LASTCODEUNIT), &unit)
        let byte = UInt8(truncatingIfNeeded: unit)
        // A caseless non-ASCII character could be present in another case with other bytes.
        guard byte < 0x80 else { return nil }
        if byte >= 65 && byte <= 90 { return [byte, byte + 32] }
        if byte >= 97 && byte <= 122 { return [byte, byte - 32] }
        return [byte]
    }

    private static func readFirstBytes(_ code: OpaquePointer) -> ByteSet? {
        var type: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTCODETYPE), &type)
        if type == 1 {
            var unit: UInt32 = 0
            pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTCODEUNIT), &unit)
            var set = ByteSet()
            let byte = UInt8(truncatingIfNeeded: unit)
            set.insert(byte)
            // A caseless first letter may also start with its other case.
            if byte >= 65 && byte <= 90 { set.insert(byte + 32) }
            if byte >= 97 && byte <= 122 { set.insert(byte - 32) }
            // A caseless non-ASCII character's other case may start with another lead byte.
            if byte >= 0x80 { for lead in 0x80...0xFF { set.insert(UInt8(lead)) } }
            return set
        }
        guard type == 0 else { return nil }
        var bitmap: UnsafePointer<UInt8>?
        guard pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTBITMAP), &bitmap) == 0, let bitmap else { return nil }
        var set = ByteSet()
        for byte in 0..<256 where bitmap[byte >> 3] & (1 << (byte & 7)) != 0 { set.insert(UInt8(byte)) }
        return set
    }

    /// A second handle on `other`'s compiled (and JIT-compiled) code, nothing compiled again. Compiled code
    /// is read-only while matching, so threads may share it; a handle per thread keeps them from all
    /// updating the reference count of one Swift object on every call.
    public init(sharing other: Pattern) {
        let root = other.owner ?? other
        source = root.source
        options = root.options
        captureCount = root.captureCount
        groupNames = root.groupNames
        jit = root.jit
        isAnchored = root.isAnchored
        canMatchEmpty = root.canMatchEmpty
        firstBytes = root.firstBytes
        requiredBytes = root.requiredBytes
        code = root.code
        owner = root
    }

    deinit { if owner == nil { pcre2_code_free_8(code) } }

    private static func readNameTable(_ code: OpaquePointer) -> [String: Int] {
        var count: UInt32 = 0
        var entrySize: UInt32 = 0
        var table: UnsafePointer<UInt8>?
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMECOUNT), &count)
        guard count > 0 else { return [:] }
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
        guard let table else { return [:] }
        var names: [String: Int] = [:]
        for index in 0..<Int(count) {
            let entry = table + index * Int(entrySize)
            let number = Int(entry[0]) << 8 | Int(entry[1])
            var nameBytes: [UInt8] = []
            var cursor = 2
            while cursor < Int(entrySize), entry[cursor] != 0 {
                nameBytes.append(entry[cursor])
                cursor += 1
            }
            names[String(decoding: nameBytes, as: UTF8.self)] = number
        }
        return names
    }

    /// Finds the first match in `subject` starting at or after byte `start`.
    ///
    /// `subject` must be valid UTF-8 and `start` must lie on a character boundary. Returns `nil` when there is
    /// no match; throws ``PCRE2Error/limitExceeded(code:message:)`` when a limit cut the search off.
    public func firstMatch(
        in subject: UnsafeBufferPointer<UInt8>,
        from start: Int = 0,
        options: MatchOptions = [],
        limits: MatchLimits = .default,
        scratch: MatchScratch
    ) throws(PCRE2Error) -> Match? {
        guard try firstMatchRange(in: subject, from: start, options: options, limits: limits, scratch: scratch) != nil else { return nil }
        return Match(groups: groups(in: scratch))
    }

    /// Whether the pattern matches an empty subject, run by the interpreter (a one-off check is no reason
    /// to JIT-compile it); a limit that cuts the search off counts as no match.
    public func matchesEmptySubject() -> Bool {
        let scratch = MatchScratch(captureCount: captureCount)
        scratch.apply(.default)
        let base = UnsafePointer<UInt8>(bitPattern: 1)!
        return jit.withoutCompiling {
            pcre2_match_8(code, base, 0, 0, PCRE2_NO_JIT | PCRE2_NO_UTF_CHECK, scratch.matchData, scratch.context) >= 0
        }
    }

    /// Calls `body` with every non-overlapping match in `subject` from `start`, in order. After an empty
    /// match the search moves on by one whole UTF-8 character. `body` returns false to stop early.
    public func forEachMatch(
        in subject: UnsafeBufferPointer<UInt8>,
        from start: Int = 0,
        options: MatchOptions = [],
        limits: MatchLimits = .default,
        scratch: MatchScratch,
        _ body: (Match) throws(PCRE2Error) -> Bool
    ) throws(PCRE2Error) {
        try forEachMatchRange(in: subject, from: start, options: options, limits: limits, scratch: scratch) { _ throws(PCRE2Error) in
            try body(Match(groups: groups(in: scratch)))
        }
    }

    /// The offset of the character boundary after `offset` (skipping UTF-8 continuation bytes).
    static func nextCharacter(in subject: UnsafeBufferPointer<UInt8>, after offset: Int) -> Int {
        var next = offset + 1
        while next < subject.count, subject[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }
}
