import ArgumentParser
import Foundation

/// `--stdin-filename`: the path that standard input stands for, as ruff's option (for editors and
/// pre-commit pipelines that pipe a buffer in).
struct StdinOptions: ParsableArguments {
    @Option(name: .customLong("stdin-filename"), help: ArgumentHelp("The path standard input stands for: the configuration is looked for from its folder, its overrides and per-file-ignores apply, and reports name it. Reads standard input when no path is given.", valueName: "path"))
    var stdinFilename: String?

    /// The folder the configuration search starts from: that of `--stdin-filename`, else the current one.
    var discoveryFolder: String? {
        guard let stdinFilename else { return nil }
        let absolute = stdinFilename.hasPrefix("/") ? stdinFilename : FileManager.default.currentDirectoryPath + "/" + stdinFilename
        return URL(fileURLWithPath: absolute).standardizedFileURL.deletingLastPathComponent().path
    }

    /// How a report names `path`: `--stdin-filename` for standard input.
    func displayName(_ path: String) -> String { path == "-" ? (stdinFilename ?? "-") : path }
}
