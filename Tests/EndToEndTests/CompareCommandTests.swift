import Foundation
import Testing

/// `scrapelint compare`: the built-in packs against the same packs without `prompts.yml`, on the fixtures.
@Suite struct CompareCommandTests {
    @Test func showsWhatOnlyOneSideRemoves() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let trimmed = folder.appendingPathComponent("trimmed")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Rules"), to: trimmed)
        try FileManager.default.removeItem(at: trimmed.appendingPathComponent("prompts.yml"))

        let text = try CLI.run(["compare", "-q", "--rules-a", "Rules", "--rules-b", trimmed.path, "--sample", "2", "Fixtures/pages"])
        #expect(text.status == 1, "\(text.stderr)")
        #expect(text.out.contains("Removed by A and kept by B:\nRULE"))
        #expect(text.out.contains("Removed by B and kept by A:\n  nothing\n"))
        #expect(text.out.contains("Fixtures/pages/guardian-fishing.txt:14: Sign up to First Edition"))

        let json = try CLI.run(["compare", "-q", "--rules-a", "Rules", "--rules-b", trimmed.path, "--format", "json", "Fixtures/pages"])
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        let onlyA = try #require(object["only_a"] as? [[String: Any]])
        let rules = Set(onlyA.map { $0["rule"] as! String })
        #expect(rules.subtracting(["(blank lines tidied)"]) == ["prompt-app", "prompt-newsletter", "prompt-paywall"])
        #expect((object["only_b"] as? [Any])?.isEmpty == true)
        // Deletions only here: what A alone removes is exactly the difference of the bytes removed.
        let onlyBytes = onlyA.reduce(0) { $0 + ($1["bytes"] as! Int) }
        #expect(onlyBytes == (object["bytes_removed_a"] as! Int) - (object["bytes_removed_b"] as! Int))
        #expect(object["documents"] as? Int == 28 && object["documents_differing"] as? Int == 6)
        #expect(onlyA.allSatisfy { ($0["samples"] as! [Any]).count <= 10 })

        let same = try CLI.run(["compare", "-q", "--rules-a", "Rules", "--rules-b", "Rules", "--jsonl", "Fixtures/corpus/sample.jsonl"])
        #expect(same.status == 0, "\(same.stderr)")
        #expect(same.out.hasPrefix("183 documents, 0 cleaned differently"))
    }
}
