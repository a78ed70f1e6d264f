import Foundation

/// The search for the `.scrapelint.yml` that applies to a folder: that folder, then each one above it,
/// stopping at the repository root (a folder holding `.git`), at the user's home folder, and at the root of
/// the file system, whichever comes first; those folders are still searched themselves. A folder that other
/// users may write to (world-writable, such as `/tmp`), or a file owned by another user (root aside), is
/// never read: the search stops there, so that nobody else can plant a configuration (and through its
/// `rules:`, any rule file) in a run.
public struct ConfigDiscovery: Sendable, Hashable {
    /// The configuration file found (absolute), if any.
    public let path: String?
    /// The folder the search started from (absolute).
    public let start: String
    /// The last folder searched, and why the search went no further.
    public let stop: Stop

    public enum Stop: Sendable, Hashable, CustomStringConvertible {
        /// A configuration file was found in this folder.
        case found
        /// The folder holds `.git`.
        case repositoryRoot(String)
        /// The folder is `$HOME`.
        case home(String)
        /// The root of the file system was searched.
        case fileSystemRoot
        /// The folder (or the configuration file in it) may be written by other users; it was not read.
        case unsafe(String, reason: String)

        public var description: String {
            switch self {
            case .found: "found"
            case .repositoryRoot(let folder): "stopped at the repository root \(folder)"
            case .home(let folder): "stopped at the home folder \(folder)"
            case .fileSystemRoot: "searched up to /"
            case .unsafe(let path, let reason): "stopped before \(path): \(reason)"
            }
        }
    }

    /// Searches from `folder` upward. `home` is the user's home folder (default `$HOME`).
    public init(from folder: String, home: String? = ProcessInfo.processInfo.environment["HOME"]) {
        let home = home.flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0).standardizedFileURL.path }
        var current = URL(fileURLWithPath: folder).standardizedFileURL
        start = current.path
        let fileManager = FileManager.default
        while true {
            if let reason = Self.unsafeReason(current.path) {
                (path, stop) = (nil, .unsafe(current.path, reason: reason))
                return
            }
            let candidate = current.appendingPathComponent(ConfigFile.fileName).path
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
                if let reason = Self.unsafeReason(candidate) {
                    (path, stop) = (nil, .unsafe(candidate, reason: reason))
                } else {
                    (path, stop) = (candidate, .found)
                }
                return
            }
            if fileManager.fileExists(atPath: current.appendingPathComponent(".git").path) {
                (path, stop) = (nil, .repositoryRoot(current.path))
                return
            }
            if current.path == home {
                (path, stop) = (nil, .home(current.path))
                return
            }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path {
                (path, stop) = (nil, .fileSystemRoot)
                return
            }
            current = parent
        }
    }

    /// Why the file or folder at `path` may be written by another user, or `nil` when only its owner (the
    /// current user, or root) may.
    static func unsafeReason(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        if info.st_mode & S_IWOTH != 0 && (info.st_mode & S_IFMT) != S_IFLNK { return "every user may write to it" }
        if info.st_uid != getuid() && info.st_uid != 0 { return "it belongs to another user" }
        return nil
    }

    /// One line for `-v`: which configuration applies and how it was found.
    public var explanation: String {
        if let path { return "configuration: \(path) (found searching from \(start) upward)" }
        return "configuration: none (searching from \(start) upward, \(stop))"
    }

    /// One line for `-v` about the configuration found for some of a run's files (`files` of them).
    public func explanation(files: Int) -> String {
        let count = "for \(files) \(files == 1 ? "file" : "files")"
        if let path { return "configuration: \(path) \(count) (found searching from \(start) upward)" }
        return "configuration: none \(count) (searching from \(start) upward, \(stop))"
    }
}
