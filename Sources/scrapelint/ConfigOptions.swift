import ArgumentParser
import Foundation
import ScrapeLintCore

/// Which configuration file applies: the nearest `.scrapelint.yml` from the current folder upward, the one
/// `--config` names, or none with `--isolated`.
struct ConfigOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Use this configuration file instead of the nearest .scrapelint.yml.", valueName: "file"))
    var config: String?

    @Flag(help: "Ignore every configuration file.")
    var isolated = false

    func validate() throws {
        if isolated && config != nil { throw ValidationError("--config and --isolated cannot be used together.") }
    }

    /// The configuration file that applies, parsed; `nil` when there is none.
    func load() throws(ScrapeLintError) -> ConfigFile? {
        if isolated { return nil }
        if let config { return try ConfigFile.load(config) }
        return try ConfigFile.discover(from: FileManager.default.currentDirectoryPath).map { path throws(ScrapeLintError) in
            try ConfigFile.load(path)
        }
    }
}
