import Foundation
import Testing

/// On a fresh cache, a run that checks a megabyte compiles the Hyperscan database in the background; a run
/// that ends before the compile waits for it at exit, so that it is cached (else every short run would
/// start it afresh and lose it), and its output is exactly the output without the database.
@Suite struct PrefilterCompileTests {
    @Test func aRunEndingBeforeTheCompileStillCachesTheDatabase() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // JSON Lines records (several documents; `clean` of one text file starts no background compile).
        let page = try String(decoding: Data(contentsOf: CLI.root.appendingPathComponent("Fixtures/reuters-kerry-2015.txt")), as: UTF8.self)
        let record = try String(decoding: JSONSerialization.data(withJSONObject: ["text": page]), as: UTF8.self) + "\n"
        var text = ""
        while text.utf8.count < 1_200_000 { text += record }
        let input = folder.appendingPathComponent("big.jsonl")
        try Data(text.utf8).write(to: input)
        let cache = folder.appendingPathComponent("cache")
        let plain = try CLI.run(["clean", "--jsonl", "--no-vectorscan", input.path], environment: ["SCRAPELINT_CACHE_DIR": cache.path])
        #expect(plain.status == 0)
        let before = (try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []
        #expect(before.allSatisfy { !$0.hasSuffix(".hsdb") }, "\(before)")
        let first = try CLI.run(["clean", "--jsonl", "--timings", input.path], environment: ["SCRAPELINT_CACHE_DIR": cache.path])
        #expect(first.status == 0)
        #expect(first.stdout == plain.stdout)
        // Only a library proven exact compiles it by default (README "How matching works").
        guard first.stderr.contains("(proven exact, on by default)") else { return }
        let written = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasPrefix("prefilter-") && $0.hasSuffix(".hsdb") }
        #expect(written.count == 1, "\(written)")
        let second = try CLI.run(["clean", "--jsonl", "--timings", input.path], environment: ["SCRAPELINT_CACHE_DIR": cache.path])
        #expect(second.stdout == plain.stdout)
        #expect(second.stderr.contains("database: cache"))
    }
}
