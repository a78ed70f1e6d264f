import CPCRE2

/// An error reported by PCRE2, with its message as PCRE2 words it.
public enum PCRE2Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// The pattern did not compile; `offset` is the byte offset inside the pattern where PCRE2 stopped.
    case compile(code: Int32, message: String, offset: Int)
    /// A match was cut off by a resource limit (match, depth, heap or JIT stack): the pattern is runaway
    /// on this subject.
    case limitExceeded(code: Int32, message: String)
    /// Any other failure of `pcre2_match`.
    case match(code: Int32, message: String)

    public var description: String {
        switch self {
        case .compile(_, let message, let offset): return "\(message) at offset \(offset)"
        case .limitExceeded(_, let message): return message
        case .match(_, let message): return message
        }
    }

    /// A caller's own work budget ran out: reported like a match limit.
    public static func budgetExceeded(_ message: String) -> PCRE2Error {
        .limitExceeded(code: PCRE2_ERROR_MATCHLIMIT, message: message)
    }

    /// PCRE2's message text for an error code.
    static func message(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(code, &buffer, buffer.count)
        guard length > 0 else { return "PCRE2 error \(code)" }
        return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
    }

    /// Maps a negative `pcre2_match` result to an error.
    static func fromMatch(code: Int32) -> PCRE2Error {
        switch code {
        case PCRE2_ERROR_MATCHLIMIT, PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_HEAPLIMIT, PCRE2_ERROR_JIT_STACKLIMIT:
            return .limitExceeded(code: code, message: message(for: code))
        default:
            return .match(code: code, message: message(for: code))
        }
    }
}
