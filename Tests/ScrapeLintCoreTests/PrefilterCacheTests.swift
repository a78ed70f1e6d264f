#if Vectorscan
import Foundation
@testable import ScrapeLintCore
import Testing

/// The cache folder of compiled databases stays bounded: each database is tens of MB, and every change of
/// the rule set compiles a new one.
@Suite struct PrefilterCacheTests {
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
        let rule = try #require(BuiltinRuleTests.ruleSet["layout-template-variable"])
        let expression = try #require(PrefilterProvider.expression(for: rule))
        let database = try #require(VectorscanDatabase.load([expression], cacheFolder: folder))
        #expect(database.origin.hasPrefix("compiled, cached in"))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let written = left.filter { $0.hasPrefix("prefilter-") && !["prefilter-d.hsdb", "prefilter-e.hsdb", "prefilter-f.hsdb"].contains($0) }
        #expect(written.count == 1)
        #expect(left == (["notes.txt", "prefilter-d.hsdb", "prefilter-e.hsdb", "prefilter-f.hsdb"] + written).sorted())
        // Reading it back marks it as in use: it is now the newest, ahead of databases written later.
        let cachedPath = folder + "/" + written[0]
        var times = [timespec(tv_sec: 500, tv_nsec: 0), timespec(tv_sec: 500, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, cachedPath, &times, 0) == 0)
        _ = try #require(VectorscanDatabase.loadCached([expression], cacheFolder: folder))
        var info = stat()
        #expect(stat(cachedPath, &info) == 0)
        #expect(info.st_mtim.tv_sec > 6_000)
        VectorscanDatabase.prune(folder, keeping: 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["notes.txt", written[0]])
    }
}
#endif
