import ArgumentParser
import Foundation
import ScrapeLintCore

/// Which configuration file applies: to each file, the nearest `.scrapelint.yml` from its folder upward
/// (see ``ConfigDiscovery`` for where the search stops; the run-wide settings from the one found from the
/// current folder), the one `--config` names, or none with `--isolated`.
struct ConfigOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Use this configuration file for every file, instead of each file's nearest .scrapelint.yml (found from its folder upward).", valueName: "file"))
    var config: String?

    @Flag(help: "Ignore every configuration file.")
    var isolated = false

    @Flag(name: [.customShort("v"), .long], help: "Say on standard error which configuration files apply (to how many files) and where each search stopped.")
    var verbose = false

    func validate() throws {
        if isolated && config != nil { throw ValidationError("--config and --isolated cannot be used together.") }
    }

    /// The configuration file that applies, parsed; `nil` when there is none. With `--verbose`, says which
    /// and why on standard error.
    func load(discoveringFrom folder: String? = nil) throws(ScrapeLintError) -> ConfigFile? {
        if isolated {
            explain("configuration: none (--isolated)")
            return nil
        }
        if let config {
            explain("configuration: \(config) (--config)")
            return try ConfigFile.load(config)
        }
        let discovery = ConfigDiscovery(from: folder ?? FileManager.default.currentDirectoryPath)
        explain(discovery.explanation)
        return try discovery.path.map { path throws(ScrapeLintError) in try ConfigFile.load(path) }
    }

    /// Whether each input gets the configuration found from its own folder (neither `--config` nor
    /// `--isolated`).
    var discoversPerFile: Bool { !isolated && config == nil }

    func explain(_ line: String) {
        if verbose { Output.error("scrapelint: " + line) }
    }

    /// How a report's summary names `config`: relative to the current folder when it lies below it.
    static func displayPath(_ config: ConfigFile?) -> String? {
        config.map { displayPath($0.path) }
    }

    /// How a report's summary names the configuration file at `path`.
    static func displayPath(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }
}
