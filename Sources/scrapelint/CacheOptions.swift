import ArgumentParser
import Foundation
import ScrapeLintCore

/// The result cache of `check` (ruff's `--no-cache` and `--cache-dir`).
struct CacheOptions: ParsableArguments {
    @Flag(name: .customLong("no-cache"), help: "Check every file again, without reading or writing the result cache.")
    var noCache = false

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp("The result cache folder (default: $SCRAPELINT_CACHE_DIR, else .scrapelint_cache beside the configuration file, else the user's cache folder: $XDG_CACHE_HOME/scrapelint or ~/.cache/scrapelint).", valueName: "folder"))
    var cacheDir: String?

    @Option(name: .customLong("cache-max-size"), help: ArgumentHelp("The disk space the result cache may take before its least recently used entries are pruned: bytes, or with K, M or G (512M, 2G; default 1G). Entries unused for 30 days go anyway. A prune runs at most once a day, at the end of a run that wrote entries.", valueName: "size"))
    var cacheMaxSize: ByteSize?

    func validate() throws {
        if noCache && cacheDir != nil { throw ValidationError("--no-cache and --cache-dir cannot be used together.") }
        if noCache && cacheMaxSize != nil { throw ValidationError("--no-cache and --cache-max-size cannot be used together.") }
    }

    /// The limits of the cache: the defaults, with `--cache-max-size`.
    var limits: ResultCache.Limits {
        var limits = ResultCache.Limits()
        if let cacheMaxSize { limits.maxBytes = cacheMaxSize.bytes }
        return limits
    }

    /// The folder to use: given (`--cache-dir`, `$SCRAPELINT_CACHE_DIR`; their failures are errors), else
    /// a default (whose failures only mean no cache).
    func folder(config: ConfigFile?) -> (path: String, given: Bool)? {
        if noCache { return nil }
        if let cacheDir { return (cacheDir, true) }
        let environment = ProcessInfo.processInfo.environment
        if let folder = environment["SCRAPELINT_CACHE_DIR"], !folder.isEmpty { return (folder, true) }
        if let config { return (config.folder + "/" + ResultCache.folderName, false) }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return (xdg + "/scrapelint", false) }
        if let home = environment["HOME"], home.hasPrefix("/") { return (home + "/.cache/scrapelint", false) }
        return nil
    }

    /// Opens the cache for a run under `config`; `nil` without one. A given folder that cannot be used is
    /// an error; a default one that cannot is no cache.
    func open(config: ConfigFile?, options: String) throws(ScrapeLintError) -> ResultCache? {
        guard let (path, given) = folder(config: config), let tool = Self.toolIdentity else { return nil }
        if !given {
            // The user's cache folder may need its parents (~/.cache); a project's sits beside its configuration.
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        }
        do {
            return try ResultCache(folder: path, tool: tool, options: options, limits: limits)
        } catch {
            if given { throw error }
            return nil
        }
    }

    /// The build that makes the results: the version and the executable's size, change time and inode, so
    /// that a rebuilt binary of the same version never reads another build's results (`nil`, and no cache,
    /// when the executable cannot be found).
    static let toolIdentity: String? = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return nil }
        return "\(ScrapeLintVersion.current) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)"
    }()
}
