import Foundation
import ScrapeLintCore

/// Buffered writes to standard output (results only) and direct writes to standard error (problems).
/// Used from one thread.
enum Output {
    nonisolated(unsafe) private static var buffer: [UInt8] = []

    static func write(_ text: String) { write(Array(text.utf8)) }

    static func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    static func error(_ text: String) {
        flush()
        writeAll(fd: 2, Array((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func flush() {
        writeAll(fd: 1, buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private static func writeAll(fd: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}

/// Exit statuses, as ruff's: 0 clean, 1 violations, 2 errors.
enum Status {
    static let clean: Int32 = 0
    static let violations: Int32 = 1
    static let error: Int32 = 2
}

extension ScrapeLintError {
    /// The message for standard error: diagnostics as `path:line:col: error: message`.
    var report: String {
        switch self {
        case .invalidRules(let diagnostics), .invalidConfig(let diagnostics):
            return diagnostics.map { "\($0.path):\($0.line):\($0.column): error: \($0.message)" }.joined(separator: "\n")
        default:
            return "scrapelint: error: \(description)"
        }
    }
}
