import Foundation
import Testing

/// The result cache: a second run reads it (and only for the same bytes and rules), a damaged or foreign
/// entry is ignored with a warning and never changes a result, `--fix` and `--diff` stay exact.
@Suite struct CacheTests {
    static let page = "Prose.\n0 : 0\n• narrow-browser-and-phone\n"
    static let report = """
    a.txt:2:1: warning: share/comment counter '0 : 0' [counter-share-pair]
    a.txt:3:1: warning: layout label leaked from page markup: 'narrow-browser-and-phone' [layout-breakpoint-label]
    Found 2 violations in 1 file (2 fixable with --fix).

    """

    struct Project {
        let folder: URL
        var cache: URL { folder.appendingPathComponent("cache") }
        func write(_ text: String, _ path: String) throws {
            try text.write(to: folder.appendingPathComponent(path), atomically: false, encoding: .utf8)
        }
        func read(_ path: String) throws -> String { try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8) }
        /// The cache's entry files.
        func entries() -> [URL] {
            let root = cache.appendingPathComponent("scrapelint-cache-1")
            let shards = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
            return shards.flatMap { shard in
                ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(shard).path)) ?? []).map {
                    root.appendingPathComponent(shard).appendingPathComponent($0)
                }
            }.sorted { $0.path < $1.path }
        }
        func check(_ arguments: [String]) throws -> CLI.Result {
            try CLI.run(["check", "--format", "concise", "--cache-dir", cache.path] + arguments, in: folder, environment: ["HOME": "/nonexistent"])
        }
    }

    func project() throws -> Project {
        let project = Project(folder: try CLI.temporaryFolder())
        try project.write(Self.page, "a.txt")
        return project
    }

    @Test func secondRunReadsTheCacheForTheSameBytesAndRules() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(at: project.folder) }
        let first = try project.check(["a.txt"])
        #expect(first.status == 1 && first.out == Self.report && first.stderr == "")
        #expect(project.entries().count == 1)
        #expect(FileManager.default.fileExists(atPath: project.cache.appendingPathComponent("CACHEDIR.TAG").path))
        #expect(try String(contentsOf: project.cache.appendingPathComponent(".gitignore"), encoding: .utf8).hasSuffix("\n*\n"))
        // The entry is what the second run reports: change its message (same length) and the report shows it.
        let entry = project.entries()[0]
        let stored = try String(contentsOf: entry, encoding: .utf8)
        #expect(stored.hasPrefix("scrapelint-cache-1\n") && stored.hasSuffix("\nend\n"))
        #expect(stored.contains("share/comment counter"))
        try stored.replacingOccurrences(of: "share/comment counter", with: "SHARE/COMMENT COUNTER").write(to: entry, atomically: false, encoding: .utf8)
        let second = try project.check(["a.txt"])
        #expect(second.status == 1 && second.stderr == "")
        #expect(second.out == Self.report.replacingOccurrences(of: "share/comment counter", with: "SHARE/COMMENT COUNTER"))

        // Other bytes of the same size and the same modification time: checked again, never the old result.
        var info = stat()
        #expect(stat(project.folder.appendingPathComponent("a.txt").path, &info) == 0)
        try project.write(Self.page.replacingOccurrences(of: "0 : 0", with: "Pros."), "a.txt")
        var times = [info.st_atim, info.st_mtim]
        #expect(utimensat(AT_FDCWD, project.folder.appendingPathComponent("a.txt").path, &times, 0) == 0)
        let edited = try project.check(["a.txt"])
        #expect(edited.out == """
        a.txt:3:1: warning: layout label leaked from page markup: 'narrow-browser-and-phone' [layout-breakpoint-label]
        Found 1 violation in 1 file (1 fixable with --fix).

        """)
        #expect(project.entries().count == 2)

        // Other rules (a selection, a configuration): checked again.
        try project.write(Self.page, "a.txt")
        let selected = try project.check(["--select", "counters", "a.txt"])
        #expect(selected.out.hasPrefix("a.txt:2:1: warning: share/comment counter '0 : 0' [counter-share-pair]\nFound 1 violation"))
        try project.write("select: [layout]\n", ".scrapelint.yml")
        let configured = try project.check(["a.txt"])
        #expect(configured.out.hasPrefix("a.txt:3:1: warning: layout label"))
        #expect(project.entries().count == 4)

        // --no-cache reads nothing: the planted message is gone. (With --cache-dir, a usage error.)
        try FileManager.default.removeItem(at: project.folder.appendingPathComponent(".scrapelint.yml"))
        #expect(try project.check(["--no-cache", "a.txt"]).status == 2)
        let fresh = try CLI.run(["check", "--format", "concise", "--no-cache", "a.txt"], in: project.folder, environment: ["HOME": "/nonexistent"])
        #expect(fresh.out == Self.report)
    }

    /// The cache stays bounded: a run that writes an entry prunes (at most once a day) the entries unused
    /// for 30 days and the temporary files a killed run left; a warm run writes nothing and prunes nothing.
    @Test func aRunThatWritesPrunesOldEntriesAndStaleTemporaryFiles() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(at: project.folder) }
        #expect(try project.check(["a.txt"]).out == Self.report)
        let entry = try #require(project.entries().first)
        let marker = project.cache.appendingPathComponent("scrapelint-cache-1/pruned")
        #expect(FileManager.default.fileExists(atPath: marker.path))
        // An entry unused for 40 days (another build's), a temporary file two hours old, the last prune two days ago.
        let old = entry.deletingLastPathComponent().appendingPathComponent(String(repeating: "a", count: 62))
        let stale = URL(fileURLWithPath: entry.path + ".tmp-99-1")
        try FileManager.default.copyItem(at: entry, to: old)
        try Data("half an entry".utf8).write(to: stale)
        let now = Int(time(nil))
        func age(_ url: URL, _ seconds: Int) {
            var times = [timespec(tv_sec: now - seconds, tv_nsec: 0), timespec(tv_sec: now - seconds, tv_nsec: 0)]
            #expect(utimensat(AT_FDCWD, url.path, &times, 0) == 0)
        }
        age(old, 40 * 86_400)
        age(stale, 7_200)
        age(marker, 2 * 86_400)
        let warm = try project.check(["a.txt"])
        #expect(warm.out == Self.report && warm.stderr == "")
        #expect(FileManager.default.fileExists(atPath: old.path) && FileManager.default.fileExists(atPath: stale.path))
        try project.write("Another page.\n", "b.txt")
        let writing = try project.check(["a.txt", "b.txt"])
        #expect(writing.status == 1 && writing.stderr == "")
        #expect(!FileManager.default.fileExists(atPath: old.path) && !FileManager.default.fileExists(atPath: stale.path))
        #expect(project.entries().count == 2 && project.entries().contains(entry))
        var info = stat()
        #expect(stat(marker.path, &info) == 0 && Int(info.st_mtim.tv_sec) >= now - 60)
    }

    /// `--cache-max-size` bounds the entries' disk space: a prune keeps the most recently used within 90%
    /// of it. A size that is not one, or the option with `--no-cache`, is a usage error.
    @Test func cacheMaxSizeBoundsTheEntries() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(at: project.folder) }
        for name in ["b", "c"] { try project.write("Page \(name).\n", "\(name).txt") }
        #expect(try project.check(["a.txt", "b.txt", "c.txt"]).status == 1)
        let entries = project.entries()
        #expect(entries.count == 3)
        var info = stat()
        #expect(lstat(entries[0].path, &info) == 0)
        let entrySize = max(Int(info.st_blocks) * 512, Int(info.st_size))
        // a.txt's entry used two days ago (the least recently used), the last prune two days ago.
        let now = Int(time(nil))
        let a = try #require(entries.first { (try? String(contentsOf: $0, encoding: .utf8))?.contains("share/comment counter") == true })
        for url in [a, project.cache.appendingPathComponent("scrapelint-cache-1/pruned")] {
            var times = [timespec(tv_sec: now - 2 * 86_400, tv_nsec: 0), timespec(tv_sec: now - 2 * 86_400, tv_nsec: 0)]
            #expect(utimensat(AT_FDCWD, url.path, &times, 0) == 0)
        }
        // Four entries and room for a bit less than four: 90% of it holds three.
        try project.write("Page d.\n", "d.txt")
        let bounded = try project.check(["--cache-max-size", String(4 * entrySize - 1), "b.txt", "c.txt", "d.txt"])
        #expect(bounded.status == 0 && bounded.stderr == "")
        #expect(project.entries().count == 3 && !project.entries().contains(a))

        for (arguments, message) in [
            (["--cache-max-size", "12X", "a.txt"], "Error: The value '12X' is invalid for '--cache-max-size <size>'"),
            (["--cache-max-size", "0", "a.txt"], "Error: The value '0' is invalid for '--cache-max-size <size>'"),
            (["--no-cache", "--cache-max-size", "1G", "a.txt"], "Error: --no-cache and --cache-max-size cannot be used together."),
        ] {
            let refused = try CLI.run(["check"] + arguments, in: project.folder, environment: ["HOME": "/nonexistent"])
            #expect(refused.status == 2)
            #expect(refused.stderr.hasPrefix(message), "\(refused.stderr)")
        }
    }

    @Test func damagedOrForeignEntriesAreIgnoredWithAWarning() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(at: project.folder) }
        _ = try project.check(["a.txt"])
        let entry = project.entries()[0]
        let good = try String(contentsOf: entry, encoding: .utf8)
        var lines = good.components(separatedBy: "\n")
        // Line 4 (from 0) is the first violation's: rule, severity, start, end, ...
        var fields = lines[4].components(separatedBy: " ")
        let start = fields[2]
        fields[3] = "9999"
        lines[4] = fields.joined(separator: " ")
        let outOfRange = lines.joined(separator: "\n")
        lines = good.components(separatedBy: "\n")
        lines[3] = "1" + lines[3]
        let otherLength = lines.joined(separator: "\n")
        let cases: [(Data, String)] = [
            (Data(good.utf8.prefix(40)), "it is damaged (not a whole cache entry)"),
            (Data(good.utf8.dropLast(4)), "it is damaged (not a whole cache entry)"),
            (Data(outOfRange.utf8), "it is damaged (the byte range \(start)..<9999 is outside the document)"),
            (Data(otherLength.utf8), "it is for another document or rule set"),
        ]
        for (bytes, reason) in cases {
            try bytes.write(to: entry)
            let result = try project.check(["a.txt"])
            #expect(result.out == Self.report)
            #expect(result.stderr == "\(entry.path): warning: cache entry ignored: \(reason)\n")
            // The entry is written again, whole.
            let again = try project.check(["a.txt"])
            #expect(again.out == Self.report && again.stderr == "")
        }
        // A cache folder that other users may write to is refused (given: an error).
        #expect(chmod(project.cache.path, 0o777) == 0)
        let shared = try project.check(["a.txt"])
        #expect(shared.status == 2)
        #expect(shared.stderr == "scrapelint: error: \(project.cache.path): not used as a cache: every user may write to it\n")
    }

    @Test func fixAndDiffStayExactWithTheCache() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(at: project.folder) }
        try project.write("Prose.\n", "clean.txt")
        _ = try project.check(["a.txt", "clean.txt"])
        #expect(project.entries().count == 2)
        // A stored file with violations is diffed and fixed from its bytes.
        let diff = try CLI.run(["check", "--diff", "--cache-dir", project.cache.path, "a.txt", "clean.txt"], in: project.folder)
        #expect(diff.status == 1)
        #expect(diff.out == "--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,1 @@\n Prose.\n-0 : 0\n-• narrow-browser-and-phone\n")
        var before = stat()
        #expect(stat(project.folder.appendingPathComponent("clean.txt").path, &before) == 0)
        let fixed = try CLI.run(["check", "--fix", "--format", "concise", "--cache-dir", project.cache.path, "a.txt", "clean.txt"], in: project.folder)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(fixed.out.hasPrefix("Fixed 2 violations"))
        #expect(try project.read("a.txt") == "Prose.\n")
        // A stored clean file is left alone (not even rewritten).
        var after = stat()
        #expect(stat(project.folder.appendingPathComponent("clean.txt").path, &after) == 0)
        #expect(after.st_ino == before.st_ino && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
        let again = try project.check(["a.txt", "clean.txt"])
        #expect(again.status == 0 && again.out == "No violations in 2 files.\n")
    }

    @Test func defaultFolderIsBesideTheConfiguration() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(at: project.folder) }
        try project.write("select: [layout]\n", ".scrapelint.yml")
        let result = try CLI.run(["check", "--format", "concise", "a.txt"], in: project.folder, environment: ["HOME": "/nonexistent", "SCRAPELINT_CACHE_DIR": nil])
        #expect(result.status == 1)
        let folder = project.folder.appendingPathComponent(".scrapelint_cache")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("CACHEDIR.TAG").path))
        // Without a configuration, the user's cache folder.
        try FileManager.default.removeItem(at: project.folder.appendingPathComponent(".scrapelint.yml"))
        let home = project.folder.appendingPathComponent("home")
        _ = try CLI.run(["check", "a.txt"], in: project.folder, environment: ["HOME": home.path, "XDG_CACHE_HOME": nil, "SCRAPELINT_CACHE_DIR": nil])
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent(".cache/scrapelint/CACHEDIR.TAG").path))
        // --no-cache makes none.
        let bare = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: bare) }
        try Self.page.write(to: bare.appendingPathComponent("a.txt"), atomically: false, encoding: .utf8)
        try "select: [layout]\n".write(to: bare.appendingPathComponent(".scrapelint.yml"), atomically: false, encoding: .utf8)
        _ = try CLI.run(["check", "--no-cache", "a.txt"], in: bare, environment: ["HOME": "/nonexistent"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: bare.path).sorted() == [".scrapelint.yml", "a.txt"])
    }

    /// Regression: the rules loaded but not selected decide whether a directive's name is unknown or
    /// unused, so they are part of the key (the second run used to get the first run's warning).
    @Test func loadedRulesArePartOfTheKey() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(at: project.folder) }
        try project.write(SharedRules.promo, "extra.yml")
        try project.write("scrapelint: disable-next-line promo\nProse.\n", "a.txt")
        let loaded = try project.check(["--select", "counters", "--rules", "extra.yml", "a.txt"])
        #expect(loaded.stderr == "a.txt:1:1: warning: unused suppression: no `promo` violation to suppress\n")
        let unknown = try project.check(["--select", "counters", "a.txt"])
        #expect(unknown.stderr == "a.txt:1:1: warning: `scrapelint: disable-next-line`: `promo` is not a rule id, a category, an id prefix ending in `-` or ALL\n")
    }
}
