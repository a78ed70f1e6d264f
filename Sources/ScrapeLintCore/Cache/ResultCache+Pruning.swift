import Foundation

extension ResultCache {
    /// How the cache stays bounded. Entries are dropped least recently used first: an entry's modification
    /// time is when it was written or last read (a read marks it only when that time is more than
    /// ``touchAfter`` old, so a warm run writes nothing for entries used within that time). A prune drops
    /// the entries unused for ``maxAge`` and then, when the rest take more than ``maxBytes`` of disk, the
    /// least recently used ones until the rest take at most 90% of it; it also removes the temporary files
    /// killed runs left (``CacheFile/staleAge``). A prune runs at the end of a run that wrote an entry, at
    /// most once per ``interval`` (the modification time of the `pruned` file says when the last one ran):
    /// never in a warm run, which writes nothing.
    public struct Limits: Sendable, Equatable {
        /// Seconds an entry may stay unused: 30 days.
        public var maxAge = 30 * 86_400
        /// Disk space (allocated blocks) the entries may take: 1 GiB (`check --cache-max-size`). An entry
        /// takes a 4 KiB block on most file systems: room for about 260,000 files' results.
        public var maxBytes = 1 << 30
        /// Seconds between two prunes: a day.
        public var interval = 86_400
        /// Seconds after which reading an entry marks it as used again: a day.
        public var touchAfter = 86_400

        public init() {}
    }

    /// What a prune did, and the problems it met (each a sentence naming the path).
    public struct PruneOutcome: Sendable, Equatable {
        /// Entries left, and the disk space they take.
        public var entries = 0
        public var bytes = 0
        /// Entries removed, and stale temporary files removed.
        public var removedEntries = 0
        public var removedTemporaries = 0
        public var problems: [String] = []
    }

    /// The file whose modification time is when the last prune ran.
    var prunedMarker: String { folder + "/" + Self.format + "/pruned" }

    /// Prunes the cache (``prune(now:)``) when this process stored an entry and the last prune is
    /// ``Limits/interval`` old or was never done; its problems become warnings (``takeWarnings()``). Call at
    /// the end of a run.
    public func pruneIfDue(now: Int = Int(time(nil))) {
        guard hasStored else { return }
        var info = stat()
        if lstat(prunedMarker, &info) == 0, info.st_mode & S_IFMT == S_IFREG, now - Int(info.st_mtim.tv_sec) < limits.interval { return }
        for problem in prune(now: now).problems { warn("\(folder): warning: cannot prune the cache: \(problem)") }
    }

    /// Drops the entries unused for ``Limits/maxAge``, then the least recently used while the rest take more
    /// than ``Limits/maxBytes``, and the stale temporary files, then marks the time of the prune. Touches
    /// only the folder's own names: in the two-hex-digit shard folders of `scrapelint-cache-1`, regular files
    /// of the user's named by 62 hex digits (and their temporary names); no link is followed.
    @discardableResult
    public func prune(now: Int = Int(time(nil))) -> PruneOutcome {
        var outcome = PruneOutcome()
        let root = folder + "/" + Self.format
        var found: [(path: String, used: Int, bytes: Int)] = []
        for shard in CacheFile.names(in: root, problems: &outcome.problems) where Self.isHex(shard, count: 2) {
            let shardPath = root + "/" + shard
            var info = stat()
            guard lstat(shardPath, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid() else { continue }
            let temporaries = CacheFile.removeStaleTemporaries(in: shardPath, of: { Self.isHex($0, count: 62) }, now: now)
            outcome.removedTemporaries += temporaries.removed
            outcome.problems += temporaries.problems
            for name in CacheFile.names(in: shardPath, problems: &outcome.problems) where Self.isHex(name, count: 62) {
                let path = shardPath + "/" + name
                guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == getuid() else { continue }
                found.append((path, Int(info.st_mtim.tv_sec), max(Int(info.st_blocks) * 512, Int(info.st_size))))
            }
        }
        // Most recently used first; the entries past the age or the budget go.
        found.sort { $0.used > $1.used }
        let young = found.filter { now - $0.used < limits.maxAge }.reduce(0) { $0 + $1.bytes }
        let budget = young > limits.maxBytes ? limits.maxBytes / 10 * 9 : Int.max
        var full = false
        for entry in found {
            var keep = !full && now - entry.used < limits.maxAge
            if keep && outcome.bytes + entry.bytes > budget {
                full = true
                keep = false
            }
            if !keep {
                if unlink(entry.path) == 0 || errno == ENOENT {
                    outcome.removedEntries += 1
                    continue
                }
                outcome.problems.append("cannot remove \(entry.path): \(FileAccess.reason())")
            }
            outcome.entries += 1
            outcome.bytes += entry.bytes
        }
        if let problem = Self.touch(prunedMarker) { outcome.problems.append(problem) }
        return outcome
    }

    /// Whether `name` is `count` lowercase hexadecimal digits.
    static func isHex(_ name: some StringProtocol, count: Int) -> Bool {
        name.utf8.count == count && name.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    /// Creates the file at `path` when missing and sets its modification time to now; nil when done, else why not.
    static func touch(_ path: String) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return "cannot write \(path): \(FileAccess.reason())" }
        let failed = futimens(fd, nil) != 0
        let reason = FileAccess.reason()
        close(fd)
        return failed ? "cannot set the time of \(path): \(reason)" : nil
    }
}
