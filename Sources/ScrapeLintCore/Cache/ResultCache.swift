import Foundation
import Synchronization

/// Check results of documents already checked, on disk (as ruff's `.ruff_cache`), so that checking an
/// unchanged tree again costs a read and a hash per file instead of a run of every rule.
///
/// An entry is found by the SHA-256 of the document's bytes and the fingerprint of everything else that
/// decides the result (``fingerprint(of:)``: the compiled rules, the tool's build, the search
/// options); never by the file's name or timestamp, so a file restored with an old timestamp, a copy, or an
/// edit within the same second can never be given another text's result. Each entry is a file of its
/// own, written to a temporary name and renamed into place; it repeats its full key, which is compared on
/// reading, and every position in it is checked against the document and the rule set. An entry that does
/// not parse, names another key, points outside the document or is not the user's own is ignored (with a
/// warning, once per entry) and the document is checked again: the cache can cost a check, never change a
/// result. Results with a rule cut off by its limits are not stored. The cache stays bounded: entries unused
/// for a month, or beyond a size, are dropped least recently used first (``Limits``, ``pruneIfDue(now:)``).
public final class ResultCache: Sendable {
    /// The cache folder.
    public let folder: String
    /// How large and how old the cache may grow (see ``Limits``).
    public let limits: Limits
    private let warnings = Mutex<[String]>([])
    private let tool: String
    private let options: String
    /// Whether this process stored an entry (only such a run prunes).
    private let stored = Atomic<Bool>(false)

    /// The name of the folder in a project: `.scrapelint_cache`.
    public static let folderName = ".scrapelint_cache"
    /// The first line of every entry, and the folder holding the entries of this format.
    static let format = "scrapelint-cache-1"

    /// Opens (and creates when missing) the cache in `folder`. `tool` identifies the build that makes the
    /// results (its version and more); `options` the search options that could change them; `limits` how
    /// large and old it may grow. Throws when the folder cannot be made or may be written by other users.
    public init(folder: String, tool: String, options: String, limits: Limits = Limits()) throws(ScrapeLintError) {
        self.folder = folder
        self.tool = tool
        self.options = options
        self.limits = limits
        let entries = folder + "/" + Self.format
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw .io(path: folder, message: "cannot create the cache folder: \(FileAccess.reason())")
        }
        if let reason = ConfigDiscovery.unsafeReason(folder) {
            throw .io(path: folder, message: "not used as a cache: \(reason)")
        }
        var info = stat()
        guard stat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw .io(path: folder, message: "not used as a cache: not a folder")
        }
        // Marks for backup tools and for git, as ruff's cache has.
        Self.writeIfMissing(folder + "/CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by scrapelint.\n")
        Self.writeIfMissing(folder + "/.gitignore", "# Created by scrapelint automatically.\n*\n")
        if mkdir(entries, 0o755) == 0 {
            // A new cache has nothing to prune for a day: the mark saves the first run a walk of the folder.
            if let problem = Self.touch(prunedMarker) { warn("\(folder): warning: \(problem)") }
        } else if errno != EEXIST {
            throw .io(path: entries, message: "cannot create the cache folder: \(FileAccess.reason())")
        }
    }

    /// Whether this process stored an entry.
    var hasStored: Bool { stored.load(ordering: .relaxed) }

    /// The warnings since the last call (corrupt or foreign entries, failed writes), each once.
    public func takeWarnings() -> [String] {
        warnings.withLock { list in
            defer { list = [] }
            return list
        }
    }

    /// What decides a result besides the document: the tool, the search options, and the rule set (its
    /// ``RuleSet/contentDigest``: every compiled rule's whole definition, the rules run only for a gate,
    /// the default limits, the ids and categories of every loaded rule).
    public func fingerprint(of ruleSet: RuleSet) -> String {
        SHA256.hex(of: Array("\(Self.format)\n\(tool)\n\(options)\n\(ruleSet.contentDigest)\n".utf8))
    }

    /// The stored result for a document of `bytes` (whose digest is `content`) under `ruleSet`, or `nil`.
    /// An entry read is marked as used (its modification time set to now) when its mark is
    /// ``Limits/touchAfter`` old or more, so that pruning keeps what is in use; younger ones are not written to.
    public func lookup(content: String, bytes: Int, ruleSet: RuleSet, now: Int = Int(time(nil))) -> CheckResult? {
        let rules = fingerprint(of: ruleSet)
        let path = entryPath(rules: rules, content: content)
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        guard info.st_mode & S_IFMT == S_IFREG, info.st_uid == getuid() else {
            warn("\(path): warning: cache entry ignored: not a regular file of yours")
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            warn("\(path): warning: cache entry ignored: cannot read it")
            return nil
        }
        do {
            let result = try Entry.decode([UInt8](data), rules: rules, content: content, bytes: bytes, ruleSet: ruleSet)
            if now - Int(info.st_mtim.tv_sec) >= limits.touchAfter, utimensat(AT_FDCWD, path, nil, AT_SYMLINK_NOFOLLOW) != 0 {
                warn("\(folder): warning: cannot mark cache entries as used: \(FileAccess.reason())")
            }
            return result
        } catch {
            warn("\(path): warning: cache entry ignored: \(error)")
            return nil
        }
    }

    /// Stores `result` for a document of `bytes` (digest `content`) under `ruleSet`; a result with
    /// failures is not stored. A failed write is a warning (the run's results do not depend on it).
    public func store(_ result: CheckResult, content: String, bytes: Int, ruleSet: RuleSet) {
        guard result.failures.isEmpty else { return }
        let rules = fingerprint(of: ruleSet)
        let path = entryPath(rules: rules, content: content)
        let shard = (path as NSString).deletingLastPathComponent
        if mkdir(shard, 0o755) != 0 && errno != EEXIST {
            warn("\(shard): warning: cannot write the cache: \(FileAccess.reason())")
            return
        }
        let data = Entry(rules: rules, content: content, bytes: bytes, result: result).encoded()
        stored.store(true, ordering: .relaxed)
        if let problem = data.withUnsafeBytes({ CacheFile.write($0, to: path) }) {
            warn("\(folder): warning: cannot write the cache: \(problem)")
        }
    }

    private func entryPath(rules: String, content: String) -> String {
        let key = SHA256.hex(of: Array((rules + content).utf8))
        return folder + "/" + Self.format + "/" + key.prefix(2) + "/" + key.dropFirst(2)
    }

    func warn(_ message: String) {
        warnings.withLock { list in if !list.contains(message) { list.append(message) } }
    }

    private static func writeIfMissing(_ path: String, _ text: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        _ = Array(text.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }
}
