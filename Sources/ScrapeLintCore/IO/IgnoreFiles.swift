import CGit2
import Foundation

/// The ignore files of one folder walk, matched by libgit2 (git's own rules, not a matcher of ours).
///
/// Inside a git repository (the folder or one above it holds `.git`), a path is ignored when git would
/// ignore it: every `.gitignore` from the repository root down to the path's folder (nested files, `!`
/// negation, `/` anchoring, `**`, directory-only patterns), `.git/info/exclude`, and the global excludes
/// file (`core.excludesFile`, else `$XDG_CONFIG_HOME/git/ignore` or `~/.config/git/ignore`). The `.ignore`
/// files of ripgrep and ag are honoured too, inside a repository: each pattern of a folder's `.ignore`
/// (from the repository root down to the walked folders) is handed to libgit2 anchored to that folder,
/// and these take precedence over every git ignore file, as ripgrep gives `.ignore` precedence over
/// `.gitignore`. Outside a git repository nothing is ignored (git reads `.gitignore` only in a repository,
/// and libgit2 matches rules only for one).
public final class IgnoreFiles {
    private let repository: OpaquePointer
    /// The walked folder, relative to the repository's working folder (`""` at its root; else ending
    /// in `/`).
    private let prefix: String
    /// The folders (relative to the working folder) whose `.ignore` has been handed to libgit2.
    private var loadedFolders = Set<String>()
    /// The `.ignore` files that could not be read, with why.
    public private(set) var problems: [String] = []

    /// The name of ripgrep's and ag's ignore file.
    public static let ignoreFileName = ".ignore"

    private static let initialized: Bool = {
        git_libgit2_init()
        return true
    }()

    /// The ignore files for a walk of `folder`; `nil` when it is not inside a git repository (or the
    /// repository cannot be opened; `failure` then says why).
    public static func open(walking folder: String) -> (files: IgnoreFiles?, failure: String?) {
        _ = initialized
        guard let real = realPath(folder) else { return (nil, nil) }
        var repository: OpaquePointer?
        let status = git_repository_open_ext(&repository, real, 0, nil)
        guard status == 0, let repository else {
            if status == GIT_ENOTFOUND.rawValue { return (nil, nil) }
            return (nil, lastError())
        }
        guard let workdirPointer = git_repository_workdir(repository), let workdir = realPath(String(cString: workdirPointer)) else {
            // A bare repository has no files to ignore.
            git_repository_free(repository)
            return (nil, nil)
        }
        let root = workdir.hasSuffix("/") ? workdir : workdir + "/"
        let relative = real == workdir ? "" : (real + "/").hasPrefix(root) ? String((real + "/").dropFirst(root.count)) : nil
        guard let relative else {
            git_repository_free(repository)
            return (nil, nil)
        }
        let files = IgnoreFiles(repository: repository, prefix: relative)
        // The `.ignore` files of the folders above the walked one, down from the repository root.
        var folder = ""
        files.loadIgnoreFile(relativeToRoot: folder)
        for component in relative.split(separator: "/") {
            folder += component + "/"
            files.loadIgnoreFile(relativeToRoot: folder)
        }
        return (files, nil)
    }

    private init(repository: OpaquePointer, prefix: String) {
        self.repository = repository
        self.prefix = prefix
    }

    deinit { git_repository_free(repository) }

    /// Whether the entry at `path` (relative to the walked folder) is ignored. A folder named on the
    /// command line that is itself ignored is ``isIgnored(_:)`` of `""`.
    public func isIgnored(_ path: String) -> Bool {
        let full = prefix + path
        guard !full.isEmpty else { return false }
        var ignored: Int32 = 0
        // A path libgit2 cannot judge is not ignored: it is checked, never silently dropped.
        guard git_ignore_path_is_ignored(&ignored, repository, full.hasSuffix("/") ? String(full.dropLast()) : full) == 0 else { return false }
        return ignored != 0
    }

    /// Hands the `.ignore` of the walked folder's subfolder `path` (relative to the walked folder, `""`
    /// for itself) to libgit2, once.
    public func enterFolder(_ path: String) {
        let relative = path.isEmpty || path.hasSuffix("/") ? path : path + "/"
        loadIgnoreFile(relativeToRoot: prefix + relative)
    }

    /// Loads the `.ignore` of the folder at `folder` (relative to the working folder, `""` or ending in `/`).
    private func loadIgnoreFile(relativeToRoot folder: String) {
        guard loadedFolders.insert(folder).inserted, let workdir = git_repository_workdir(repository) else { return }
        let path = String(cString: workdir) + folder + Self.ignoreFileName
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return }
        guard let data = FileManager.default.contents(atPath: path) else {
            problems.append("\(path): cannot read the ignore file; its patterns are not applied")
            return
        }
        let rules = Self.anchored(String(decoding: data, as: UTF8.self), in: folder)
        if !rules.isEmpty, git_ignore_add_rule(repository, rules) != 0 {
            problems.append("\(path): \(Self.lastError()); its patterns are not applied")
        }
    }

    /// The lines of an ignore file in `folder` (relative to the working folder, `""` or ending in `/`),
    /// rewritten to mean the same from the repository root: a pattern with a `/` before its end is
    /// anchored to the folder, one without matches at any depth below it. Comments and blank lines go.
    static func anchored(_ text: String, in folder: String) -> String {
        let base = "/" + escaped(folder)
        var rules = ""
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
            let negated = line.hasPrefix("!")
            if negated { line = line.dropFirst() }
            let body = line.hasSuffix("/") ? line.dropLast() : line
            let anchored = body.contains("/")
            if line.hasPrefix("/") { line = line.dropFirst() }
            rules += (negated ? "!" : "") + base + (anchored ? "" : "**/") + line + "\n"
        }
        return rules
    }

    /// `text` with the characters that glob patterns treat specially escaped.
    private static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if "*?[]\\!#".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    private static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    private static func lastError() -> String {
        guard let error = git_error_last(), let message = error.pointee.message else { return "libgit2 failed" }
        return String(cString: message)
    }
}
