import ArgumentParser
import Foundation
import ScrapeLintCore

/// `--edit-log FILE`: write every applied edit as a JSON line, for review and for `scrapelint revert`.
struct EditLogOptions: ParsableArguments {
    @Option(name: .customLong("edit-log"), help: ArgumentHelp("Write the edit log to this file (`-`: standard output): per fixed document its length and SHA-256 before and after, and one JSON line per applied edit (rule, byte range in the original, removed text, replacement), on disk before any file is replaced; `scrapelint revert` undoes the fixes with it.", valueName: "file"))
    var editLog: String?

    var target: OutputTarget? { editLog.map { OutputTarget("--edit-log", $0) } }

    /// The open log (its header written), or nil when none was asked for.
    func open() throws(ScrapeLintError) -> EditLogWriter? {
        guard let target else { return nil }
        let folder = FileManager.default.currentDirectoryPath
        if target.isStandardOutput { return try EditLogWriter(writer: Output.standardOutput, folder: folder) }
        return try EditLogWriter(path: target.path, folder: folder)
    }
}
