import Foundation
import ScrapeLintCore

/// Where the report goes: standard output, or the file of `--output` (created or truncated before any
/// input is read).
final class ReportSink {
    private let file: FileHandle?

    init(path: String?) throws(ScrapeLintError) {
        guard let path, path != "-" else {
            file = nil
            return
        }
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw .io(path: path, message: "cannot write the report file")
        }
        file = handle
    }

    /// Writes report text; `toStandardError` sends it to standard error instead of standard output (when
    /// standard output carries fixed text), unless the report goes to a file.
    func write(_ text: String, toStandardError: Bool = false) {
        guard !text.isEmpty else { return }
        if let file {
            file.write(Data(text.utf8))
        } else if toStandardError {
            Output.error(text)
        } else {
            Output.write(text)
        }
    }

    func close() { try? file?.close() }
}
