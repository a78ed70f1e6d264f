import Foundation
@testable import ScrapeLintCore
import Testing

/// The result cache stays bounded (entries unused for the maximum age go, then the least recently used
/// beyond the size limit), a killed run's temporary files are removed once stale, a warm run writes
/// nothing, and nothing that is not the cache's own file is ever touched.
@Suite struct ResultCachePruningTests {
    static let rules: RuleSet = try! ruleSet(ruleFile("pattern: 'NOISE'"))
    static let day = 86_400

    struct Cache {
        let folder: String
        let cache: ResultCache
        var root: String { folder + "/scrapelint-cache-1" }

        init(limits: ResultCache.Limits = ResultCache.Limits()) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("prune-\(UUID().uuidString)").path
            cache = try ResultCache(folder: folder, tool: "test", options: "", limits: limits)
        }

        /// Stores an empty result for `text` and returns the new entry's path.
        func store(_ text: String) -> String {
            let before = Set(entries())
            let content = SHA256.hex(of: Array(text.utf8))
            cache.store(CheckResult(), content: content, bytes: text.utf8.count, ruleSet: ResultCachePruningTests.rules)
            return Set(entries()).subtracting(before).first ?? ""
        }

        /// The entry files, by path.
        func entries() -> [String] {
            let shards = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
            return shards.filter { $0.count == 2 }.flatMap { shard in
                ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + shard)) ?? []).map { root + "/" + shard + "/" + $0 }
            }.sorted()
        }

        func lookup(_ text: String, now: Int = Int(time(nil))) -> CheckResult? {
            cache.lookup(content: SHA256.hex(of: Array(text.utf8)), bytes: text.utf8.count, ruleSet: ResultCachePruningTests.rules, now: now)
        }
    }

    static func setTime(_ path: String, _ seconds: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        var times = [timespec(tv_sec: seconds, tv_nsec: 0), timespec(tv_sec: seconds, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, path, &times, AT_SYMLINK_NOFOLLOW) == 0, sourceLocation: sourceLocation)
    }

    static func modified(_ path: String) -> Int {
        var info = stat()
        guard lstat(path, &info) == 0 else { return -1 }
        return Int(info.st_mtim.tv_sec)
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    @Test func pruneDropsUnusedThenLeastRecentlyUsedEntries() throws {
        var limits = ResultCache.Limits()
        let probe = try Cache()
        defer { try? FileManager.default.removeItem(atPath: probe.folder) }
        _ = probe.store("probe")
        var info = stat()
        #expect(lstat(probe.entries()[0], &info) == 0)
        let entrySize = max(Int(info.st_blocks) * 512, Int(info.st_size))
        // Room for four entries; a prune beyond it keeps 90% of that: three.
        limits.maxBytes = entrySize * 4
        let cache = try Cache(limits: limits)
        defer { try? FileManager.default.removeItem(atPath: cache.folder) }
        let now = 100 * Self.day
        var paths: [String: String] = [:]
        // Used 40 days ago (beyond the age), and five used 1 to 5 days ago.
        for (name, age) in [("old", 40), ("a", 1), ("b", 2), ("c", 3), ("d", 4), ("e", 5)] {
            let path = cache.store(name)
            #expect(!path.isEmpty)
            paths[name] = path
            Self.setTime(path, now - age * Self.day)
        }
        let outcome = cache.cache.prune(now: now)
        #expect(outcome.problems == [])
        #expect(outcome.removedEntries == 3)
        #expect(outcome.entries == 3)
        #expect(outcome.bytes == 3 * entrySize)
        #expect(Set(cache.entries()) == Set(["a", "b", "c"].map { paths[$0]! }))
        // The prune is marked.
        #expect(Self.modified(cache.cache.prunedMarker) >= Int(time(nil)) - 60)
        // Within the limits, a prune removes nothing.
        #expect(cache.cache.prune(now: now).removedEntries == 0)
        #expect(cache.entries().count == 3)
    }

    @Test func pruneTouchesNothingButTheCachesOwnFiles() throws {
        let cache = try Cache()
        defer { try? FileManager.default.removeItem(atPath: cache.folder) }
        let now = Int(time(nil))
        let entry = cache.store("page")
        Self.setTime(entry, now - 40 * Self.day)
        let shard = (entry as NSString).deletingLastPathComponent
        let name = (entry as NSString).lastPathComponent
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: outside, contents: Data("keep".utf8)))
        defer { try? FileManager.default.removeItem(atPath: outside) }
        let strangers = [
            cache.folder + "/notes.txt",                       // not in the entries folder
            cache.root + "/notes.txt",                         // not in a shard
            cache.root + "/zz",                                // not a shard name (a file)
            shard + "/README",                                 // not an entry name
            shard + "/" + name.uppercased().prefix(62),        // not lowercase hex
            shard + "/" + String(name.dropLast()),             // 61 digits
            shard + "/notes.tmp-1-2",                          // a temporary name of a name not ours
            shard + "/" + name + ".tmp-x-2",                   // not a temporary name
        ]
        for path in strangers {
            #expect(FileManager.default.createFile(atPath: path, contents: Data("keep".utf8)), "\(path)")
            Self.setTime(path, now - 40 * Self.day)
        }
        // A link with an entry's name, to a file outside, and a shard that is a link to a folder outside.
        let link = shard + "/" + String(repeating: "a", count: 62)
        #expect(symlink(outside, link) == 0)
        Self.setTime(link, now - 40 * Self.day)
        let outsideFolder = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: outsideFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: outsideFolder) }
        let victim = outsideFolder + "/" + String(repeating: "b", count: 62)
        #expect(FileManager.default.createFile(atPath: victim, contents: Data("keep".utf8)))
        Self.setTime(victim, now - 40 * Self.day)
        #expect(symlink(outsideFolder, cache.root + "/ff") == 0)
        // Temporary files a killed run left: an hour old or more goes, younger may be a write in progress.
        let stale = entry + ".tmp-123-456"
        let fresh = entry + ".tmp-123-789"
        #expect(FileManager.default.createFile(atPath: stale, contents: Data("half".utf8)))
        #expect(FileManager.default.createFile(atPath: fresh, contents: Data("half".utf8)))
        Self.setTime(stale, now - 3_600)
        Self.setTime(fresh, now - 3_000)

        let outcome = cache.cache.prune(now: now)
        #expect(outcome.problems == [])
        #expect(outcome.removedEntries == 1)
        #expect(outcome.removedTemporaries == 1)
        #expect(!Self.exists(entry))
        #expect(!Self.exists(stale))
        #expect(Self.exists(fresh))
        for path in strangers + [link, outside, victim, cache.root + "/ff"] { #expect(Self.exists(path), "\(path)") }
        #expect(Self.exists(cache.folder + "/CACHEDIR.TAG") && Self.exists(cache.folder + "/.gitignore"))
    }

    @Test func aProblemIsReportedAndTheRestStillPruned() throws {
        // Root may remove files from a read-only folder: nothing to see then.
        guard getuid() != 0 else { return }
        let cache = try Cache()
        defer {
            for shard in (try? FileManager.default.contentsOfDirectory(atPath: cache.root)) ?? [] { chmod(cache.root + "/" + shard, 0o755) }
            try? FileManager.default.removeItem(atPath: cache.folder)
        }
        let now = Int(time(nil))
        let entries = ["one", "two", "three"].map { cache.store($0) }
        for path in entries { Self.setTime(path, now - 40 * Self.day) }
        let first = entries[0]
        let shard = (first as NSString).deletingLastPathComponent
        let blocked = entries.filter { $0.hasPrefix(shard + "/") }
        #expect(chmod(shard, 0o555) == 0)
        let outcome = cache.cache.prune(now: now)
        #expect(Set(outcome.problems) == Set(blocked.map { "cannot remove \($0): Permission denied" }))
        #expect(outcome.removedEntries == entries.count - blocked.count)
        for path in entries { #expect(Self.exists(path) == blocked.contains(path)) }
        // Through pruneIfDue it is a warning, never an error.
        Self.setTime(cache.cache.prunedMarker, now - 2 * Self.day)
        cache.cache.pruneIfDue(now: now)
        #expect(cache.cache.takeWarnings().contains("\(cache.folder): warning: cannot prune the cache: cannot remove \(first): Permission denied"))
    }

    @Test func aReadMarksOnlyEntriesNotUsedForADay() throws {
        let cache = try Cache()
        defer { try? FileManager.default.removeItem(atPath: cache.folder) }
        let now = Int(time(nil))
        let entry = cache.store("page")
        Self.setTime(entry, now - 3_600)
        #expect(cache.lookup("page", now: now) != nil)
        #expect(Self.modified(entry) == now - 3_600)
        Self.setTime(entry, now - 2 * Self.day)
        #expect(cache.lookup("page", now: now) != nil)
        #expect(Self.modified(entry) >= now - 60)
        #expect(cache.cache.takeWarnings() == [])
    }

    @Test func onlyARunThatStoredPrunesAndAtMostOnceADay() throws {
        let cache = try Cache()
        defer { try? FileManager.default.removeItem(atPath: cache.folder) }
        let now = Int(time(nil))
        // A new cache is marked as pruned.
        #expect(Self.modified(cache.cache.prunedMarker) >= now - 60)
        let entry = cache.store("page")
        Self.setTime(entry, now - 40 * Self.day)
        // Marked less than a day ago: no prune.
        cache.cache.pruneIfDue(now: now)
        #expect(Self.exists(entry))
        // A day ago: pruned, and marked again.
        Self.setTime(cache.cache.prunedMarker, now - Self.day)
        cache.cache.pruneIfDue(now: now)
        #expect(!Self.exists(entry))
        #expect(Self.modified(cache.cache.prunedMarker) >= now - 60)

        // A process that only read (a warm run) never prunes, however old the mark.
        let stored = cache.store("other")
        Self.setTime(stored, now - 40 * Self.day)
        Self.setTime(cache.cache.prunedMarker, now - 10 * Self.day)
        let reader = try ResultCache(folder: cache.folder, tool: "test", options: "")
        #expect(reader.lookup(content: SHA256.hex(of: Array("other".utf8)), bytes: 5, ruleSet: Self.rules, now: now) != nil)
        reader.pruneIfDue(now: now)
        #expect(Self.modified(cache.cache.prunedMarker) == now - 10 * Self.day)
        #expect(reader.takeWarnings() == [])
        // A missing mark (a cache of an older scrapelint) means due.
        #expect(unlink(cache.cache.prunedMarker) == 0)
        Self.setTime(stored, now - 40 * Self.day)
        cache.cache.pruneIfDue(now: now)
        #expect(!Self.exists(stored))
    }

    @Test func temporaryNames() {
        #expect(CacheFile.target(ofTemporary: "abc.tmp-12-345") == "abc")
        #expect(CacheFile.target(ofTemporary: "prefilter-1f.hsdb.tmp-1-18446744073709551615") == "prefilter-1f.hsdb")
        for name in ["abc", "abc.tmp-12", "abc.tmp-12-", "abc.tmp--1", "abc.tmp-1-2-3", "abc.tmp-x-1", "abc.tmp-1-2 ", ".dat.nosync3B8.pvukza"] {
            #expect(CacheFile.target(ofTemporary: Substring(name)) == nil, "\(name)")
        }
        let path = CacheFile.temporaryPath(for: "/x/prefilter-1.hsdb")
        #expect(CacheFile.target(ofTemporary: Substring((path as NSString).lastPathComponent)) == "prefilter-1.hsdb")
    }
}
