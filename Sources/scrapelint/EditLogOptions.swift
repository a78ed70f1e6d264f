import ArgumentParser
import ScrapeLintCore

/// `--edit-log FILE`: write every applied edit as a JSON line, for review and for `scrapelint revert`.
struct EditLogOptions: ParsableArguments {
    @Option(name: .customLong("edit-log"), help: ArgumentHelp("Write one JSON line per applied edit (document, rule, byte range in the original, removed text, replacement) to this file; `scrapelint revert` undoes the fixes with it.", valueName: "file"))
    var editLog: String?

    /// The open log, or nil when none was asked for.
    func open() throws(ScrapeLintError) -> EditLogWriter? {
        guard let editLog else { return nil }
        return try EditLogWriter(path: editLog)
    }
}
