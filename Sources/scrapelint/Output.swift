import Foundation
import ScrapeLintCore

/// Buffered writes to standard output (results only), every one checked, and direct writes to standard
/// error (problems). A failed write to standard output is kept: later writes are dropped, the runners can
/// stop early (``failed``), and ``finish()`` turns it into an error with exit status 2. Used from one thread.
enum Output {
    /// Standard output's writer (also the writer of a file option given as `-`).
    nonisolated(unsafe) static let standardOutput = CheckedWriter(fd: 1, name: "standard output", owned: true)

    static func write(_ text: String) { write(Array(text.utf8)) }

    static func write(_ bytes: [UInt8]) {
        // A failure is kept by the writer and reported by finish().
        try? standardOutput.write(bytes)
    }

    /// Whether a write to standard output has failed.
    static var failed: Bool { standardOutput.failure != nil }

    static func error(_ text: String) {
        flush()
        writeAll(fd: 2, Array((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Writes `text` to standard error as it is (no line break added, standard output not flushed): the
    /// progress line. A failure is ignored: there is nothing left to report it to, and progress is not a result.
    static func progress(_ text: String) { writeAll(fd: 2, Array(text.utf8)) }

    static func flush() { try? standardOutput.flush() }

    /// Flushes standard output and, when `closing`, closes it; returns the first failure of any write to
    /// it (nil when everything reached it).
    static func finish(closing: Bool) -> ScrapeLintError? {
        do {
            if closing { try standardOutput.close() } else { try standardOutput.flush() }
        } catch {
            return error
        }
        return nil
    }

    /// Standard error: nothing is left to report a failure to.
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

extension ScrapeLintError {
    /// The same error naming `display` where it names `path` (standard input by its `--stdin-filename`).
    func renamed(_ path: String, as display: String) -> ScrapeLintError {
        if case .io(path, let message) = self, display != path { return .io(path: display, message: message) }
        return self
    }
}
