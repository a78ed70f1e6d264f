import Foundation

/// Which configuration file applies to each input, as ruff finds them: the nearest `.scrapelint.yml` from
/// the input's own folder upward, with the stops of ``ConfigDiscovery``. Each folder is searched once and
/// each file parsed once per run, however many inputs share them.
public final class ConfigResolver {
    private var discoveries: [String: ConfigDiscovery] = [:]
    private var loaded: [String: ConfigFile] = [:]
    private let home: String?
    private let workingDirectory: String

    public init(workingDirectory: String, home: String? = ProcessInfo.processInfo.environment["HOME"]) {
        self.workingDirectory = workingDirectory
        self.home = home
    }

    /// Makes `config` the parsed file for its path (the run's own, already loaded).
    public func seed(_ config: ConfigFile) {
        loaded[config.path] = config
    }

    /// The folder an input's search starts from: its own folder; standard input's is `stdinName`'s
    /// folder (`--stdin-filename`), else the current one.
    public func folder(of input: String, stdinName: String? = nil) -> String {
        let name = input == "-" ? stdinName : input
        guard let name else { return URL(fileURLWithPath: workingDirectory).standardizedFileURL.path }
        let absolute = name.hasPrefix("/") ? name : workingDirectory + "/" + name
        return URL(fileURLWithPath: absolute).standardizedFileURL.deletingLastPathComponent().path
    }

    /// The search from `folder` upward (done once per folder).
    public func discovery(from folder: String) -> ConfigDiscovery {
        if let known = discoveries[folder] { return known }
        let found = ConfigDiscovery(from: folder, home: home)
        discoveries[folder] = found
        return found
    }

    /// The configuration file at `path`, parsed once.
    public func load(_ path: String) throws(ScrapeLintError) -> ConfigFile {
        if let known = loaded[path] { return known }
        let file = try ConfigFile.load(path)
        loaded[path] = file
        return file
    }
}
