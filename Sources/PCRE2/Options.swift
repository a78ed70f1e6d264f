import CPCRE2

/// Options for compiling a pattern. UTF and UCP are always on; these are the ones a rule may choose.
public struct CompileOptions: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let caseless = CompileOptions(rawValue: PCRE2_CASELESS)
    public static let multiline = CompileOptions(rawValue: PCRE2_MULTILINE)
    public static let dotAll = CompileOptions(rawValue: PCRE2_DOTALL)
    public static let extended = CompileOptions(rawValue: PCRE2_EXTENDED)
    public static let ungreedy = CompileOptions(rawValue: PCRE2_UNGREEDY)
    public static let anchored = CompileOptions(rawValue: PCRE2_ANCHORED)
}

/// Options for one match call.
public struct MatchOptions: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The subject does not start at the beginning of a line: `^` does not match at its start.
    public static let notBOL = MatchOptions(rawValue: PCRE2_NOTBOL)
    /// The subject does not end at the end of a line: `$` does not match at its end.
    public static let notEOL = MatchOptions(rawValue: PCRE2_NOTEOL)
    /// An empty string is not a valid match.
    public static let notEmpty = MatchOptions(rawValue: PCRE2_NOTEMPTY)
}

/// Resource limits for one match call, so that a runaway pattern is cut off instead of hanging.
public struct MatchLimits: Hashable, Sendable {
    /// Maximum number of internal backtracking steps (`pcre2_set_match_limit`).
    public var match: UInt32
    /// Maximum backtracking depth (`pcre2_set_depth_limit`; the interpreter only).
    public var depth: UInt32
    /// Maximum heap memory in KiB for backtracking (`pcre2_set_heap_limit`; the interpreter only).
    public var heapKiB: UInt32

    public init(match: UInt32, depth: UInt32, heapKiB: UInt32) {
        self.match = match
        self.depth = depth
        self.heapKiB = heapKiB
    }

    /// Limits that let every sane line-oriented pattern finish and stop a catastrophic one in well under a
    /// second on large inputs.
    public static let `default` = MatchLimits(match: 1_000_000, depth: 10_000, heapKiB: 20_480)
}
