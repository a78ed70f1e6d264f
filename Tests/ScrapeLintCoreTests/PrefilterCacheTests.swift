#if Vectorscan
import Foundation
import PCRE2
@testable import ScrapeLintCore
import Testing

/// The cache folder of compiled databases stays bounded: each database is tens of MB, and every change of
/// the rule set compiles a new one.
@Suite struct PrefilterCacheTests {
    /// The byte-mode rewrite asks PCRE2 which ASCII characters a piece matches: a database compiled with one
    /// PCRE2 must not be read by a process running another.
    @Test func theKeyNamesTheLibrariesTheCompileDependsOn() throws {
        let rule = try #require(BuiltinRuleTests.ruleSet["layout-template-variable"])
        let expression = try #require(PrefilterProvider.expression(for: rule))
        let lines = VectorscanDatabase.cacheKey([expression], combined: true).split(separator: "\n").map(String.init)
        #expect(lines.contains("pcre2 \(Pattern.libraryVersion)"))
        #expect(lines.contains("library \(VectorscanDatabase.libraryVersion)"))
        #expect(lines.contains("syntax \(PrefilterSyntax.version) bytes \(PrefilterByteSyntax.version)"))
        #expect(lines.last == "\(expression.flags) \(expression.source.utf8.count) \(expression.source)")
    }

    @Test func writingADatabaseKeepsOnlyTheNewestFew() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prefilter-cache-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Six older databases (written 1,000 to 6,000 seconds after the epoch) and a file that is not one.
        for (index, name) in ["a", "b", "c", "d", "e", "f"].enumerated() {
            let path = folder + "/prefilter-\(name).hsdb"
            #expect(FileManager.default.createFile(atPath: path, contents: Data("old".utf8)))
            var times = [timespec(tv_sec: (index + 1) * 1_000, tv_nsec: 0), timespec(tv_sec: (index + 1) * 1_000, tv_nsec: 0)]
            #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        }
        #expect(FileManager.default.createFile(atPath: folder + "/notes.txt", contents: Data("keep".utf8)))
        // What a run killed while writing a database leaves (an hour old: stale; a minute: maybe a write in
        // progress), and temporary files of names not ours (Foundation's atomic write's among them).
        let now = Int(time(nil))
        for (name, age) in [("prefilter-z.hsdb.tmp-4194302-17", 3_600), ("prefilter-y.hsdb.tmp-4194302-18", 60),
                            ("notes.txt.tmp-4194302-19", 7_200), (".dat.nosync3B8.pvukza", 7_200)] {
            #expect(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data("half".utf8)))
            var times = [timespec(tv_sec: now - age, tv_nsec: 0), timespec(tv_sec: now - age, tv_nsec: 0)]
            #expect(utimensat(AT_FDCWD, folder + "/" + name, &times, 0) == 0)
        }
        let others = [".dat.nosync3B8.pvukza", "notes.txt", "notes.txt.tmp-4194302-19", "prefilter-y.hsdb.tmp-4194302-18"]
        let rule = try #require(BuiltinRuleTests.ruleSet["layout-template-variable"])
        let expression = try #require(PrefilterProvider.expression(for: rule))
        let database = try #require(VectorscanDatabase.load([expression], cacheFolder: folder))
        #expect(database.origin.hasPrefix("compiled, cached in"))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let written = left.filter { $0.hasPrefix("prefilter-") && $0.hasSuffix(".hsdb") && !["prefilter-d.hsdb", "prefilter-e.hsdb", "prefilter-f.hsdb"].contains($0) }
        #expect(written.count == 1)
        #expect(left == (others + ["prefilter-d.hsdb", "prefilter-e.hsdb", "prefilter-f.hsdb"] + written).sorted())
        // Reading it back marks it as in use: it is now the newest, ahead of databases written later.
        let cachedPath = folder + "/" + written[0]
        var times = [timespec(tv_sec: 500, tv_nsec: 0), timespec(tv_sec: 500, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, cachedPath, &times, 0) == 0)
        // A stale temporary file left after this database was written goes when it is read.
        let leftOver = folder + "/prefilter-x.hsdb.tmp-4194302-20"
        #expect(FileManager.default.createFile(atPath: leftOver, contents: Data("half".utf8)))
        var old = [timespec(tv_sec: now - 3_600, tv_nsec: 0), timespec(tv_sec: now - 3_600, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, leftOver, &old, 0) == 0)
        _ = try #require(VectorscanDatabase.loadCached([expression], cacheFolder: folder))
        #expect(!FileManager.default.fileExists(atPath: leftOver))
        var info = stat()
        #expect(stat(cachedPath, &info) == 0)
        #expect(info.st_mtim.tv_sec > 6_000)
        VectorscanDatabase.prune(folder, keeping: 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == (others + [written[0]]).sorted())
    }
}
#endif
