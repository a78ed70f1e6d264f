import Foundation
import ScrapeLintCore

/// Where the report goes: standard output, or the file of `--output` (created or truncated before any
/// input is read). Writes are checked: ``close()`` returns the first failure.
final class ReportSink {
    private let file: CheckedWriter?

    init(path: String?) throws(ScrapeLintError) {
        guard let path, path != "-" else {
            file = nil
            return
        }
        file = try CheckedWriter.create(path)
    }

    /// Writes report text; `toStandardError` sends it to standard error instead of standard output (when
    /// standard output carries fixed text or another output), unless the report goes to a file.
    func write(_ text: String, toStandardError: Bool = false) {
        guard !text.isEmpty else { return }
        if let file {
            // A failure is kept by the writer and returned by close().
            try? file.write(Array(text.utf8))
        } else if toStandardError {
            Output.error(text)
        } else {
            Output.write(text)
        }
    }

    /// Sends what was written so far on its way (a streamed format's finished records).
    func flush() {
        if let file { try? file.flush() } else { Output.flush() }
    }

    /// Closes the report file; the first failure of any write to it, if any.
    func close() -> ScrapeLintError? {
        guard let file else { return nil }
        do { try file.close() } catch { return error }
        return nil
    }
}
