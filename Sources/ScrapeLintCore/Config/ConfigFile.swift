import Foundation

/// A project configuration file (`.scrapelint.yml`): base settings and per-path overrides.
public struct ConfigFile: Sendable {
    /// The file's name, looked for in the current folder and each folder above it.
    public static let fileName = ".scrapelint.yml"

    /// The path as found or given.
    public let path: String
    /// The absolute folder holding the file: `rules` paths and override globs are relative to it.
    public let folder: String
    public var base: SettingsLayer
    public var overrides: [Override]

    /// Settings for the files that match `paths`.
    public struct Override: Sendable {
        /// Globs, relative to the configuration's folder (`*` also crosses `/`); a glob without `/`
        /// matches the file name anywhere.
        public var paths: [String]
        public var layer: SettingsLayer
        /// Where the override starts.
        public var source: SettingSource
        /// Set for an entry of `per-file-ignores`: `paths` are then ``PathGlob``s (`**` for any folders,
        /// `*` within one), and the layer sets only ``SettingsLayer/perFileIgnore``.
        public var isPerFileIgnore = false

        public init(paths: [String], layer: SettingsLayer, source: SettingSource, isPerFileIgnore: Bool = false) {
            self.paths = paths
            self.layer = layer
            self.source = source
            self.isPerFileIgnore = isPerFileIgnore
        }
    }

    public init(path: String, folder: String, base: SettingsLayer, overrides: [Override]) {
        self.path = path
        self.folder = folder
        self.base = base
        self.overrides = overrides
    }

    /// The nearest `.scrapelint.yml` in `folder` or above it, as ``ConfigDiscovery`` searches.
    public static func discover(from folder: String) -> String? {
        ConfigDiscovery(from: folder).path
    }

    /// Reads and parses the configuration file at `path`.
    public static func load(_ path: String) throws(ScrapeLintError) -> ConfigFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(path: path, message: "cannot read the configuration file")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .invalidConfig([Diagnostic(notUTF8: [UInt8](data), path: path, what: "the configuration file")])
        }
        let folder = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
        return try ConfigLoader.parse(text, path: path, folder: folder)
    }

    /// The overrides (indices) that apply to the input `path` (relative to `workingDirectory` unless
    /// absolute). Standard input matches none.
    public func overrides(matching path: String, workingDirectory: String) -> [Int] {
        guard path != "-" else { return [] }
        let absolute = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        let standardized = URL(fileURLWithPath: absolute).standardizedFileURL.path
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        let relative = standardized.hasPrefix(prefix) ? String(standardized.dropFirst(prefix.count)) : standardized
        let name = (standardized as NSString).lastPathComponent
        return overrides.indices.filter { index in
            overrides[index].paths.contains { glob in
                if overrides[index].isPerFileIgnore { return PathGlob(glob).matches(relative) }
                return fnmatch(glob, glob.contains("/") ? relative : name, 0) == 0
            }
        }
    }
}
