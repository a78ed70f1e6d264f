import Foundation
import Testing

/// `suggest` on the bundled four-site corpus (Fixtures/suggest, made by scripts/gen_suggest_corpus.py):
/// the rules it writes pass `test`, and cleaning with them removes every boilerplate line of the answer
/// key and not one prose line.
@Suite struct SuggestCommandTests {
    static let corpus = "Fixtures/suggest/corpus.jsonl"

    /// The non-blank lines of each record's text.
    static func lines(ofRecords data: Data) throws -> [[String]] {
        try String(decoding: data, as: UTF8.self).split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let text = try #require(object["text"] as? String)
            return text.split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
    }

    @Test(arguments: [[], ["--no-builtin"]])
    func suggestedRulesRemoveAllBoilerplateAndNoProse(_ extra: [String]) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rules = folder.appendingPathComponent("site-rules.yml").path
        let suggest = try CLI.run(["suggest", "--jsonl", Self.corpus, "--group-by", "site", "--output", rules, "-q"] + extra)
        #expect(suggest.status == 0, "\(suggest.stderr)")
        #expect(suggest.out.hasPrefix("Proposed "), "\(suggest.out)")
        #expect(!suggest.out.contains("Dropped"), "\(suggest.out)")

        let test = try CLI.run(["test", rules])
        #expect(test.status == 0, "\(test.out)")

        let clean = try CLI.run(["clean", "--jsonl", Self.corpus, "--rules", rules, "-q"] + extra)
        #expect(clean.status == 0, "\(clean.stderr)")
        let boilerplate = Set(try String(contentsOf: CLI.root.appendingPathComponent("Fixtures/suggest/boilerplate.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init))
        let before = try Self.lines(ofRecords: try Data(contentsOf: CLI.root.appendingPathComponent(Self.corpus)))
        let after = try Self.lines(ofRecords: clean.stdout)
        try #require(before.count == after.count)
        var removed = 0, left: [String] = [], lost: [String] = []
        for (original, cleaned) in zip(before, after) {
            var remaining = cleaned
            for line in original {
                if boilerplate.contains(line) {
                    if remaining.contains(line) { left.append(line) } else { removed += 1 }
                } else if let index = remaining.firstIndex(of: line) {
                    remaining.remove(at: index)
                } else {
                    lost.append(line)
                }
            }
        }
        #expect(left.isEmpty, "boilerplate left: \(left.prefix(5))")
        #expect(lost.isEmpty, "prose removed: \(lost.prefix(5))")
        #expect(removed > 600)
    }

    @Test func theSameCorpusGivesTheSameFileWhateverTheWorkers() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [Data] = []
        var reports: [String] = []
        for jobs in ["1", "3"] {
            let rules = folder.appendingPathComponent("rules-\(jobs).yml")
            let result = try CLI.run(["suggest", "--jsonl", Self.corpus, "--group-by", "site", "--output", rules.path,
                                      "--format", "json", "--jobs", jobs, "-q"])
            #expect(result.status == 0, "\(result.stderr)")
            files.append(try Data(contentsOf: rules))
            reports.append(result.out)
        }
        #expect(files[0] == files[1])
        #expect(reports[0] == reports[1])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(reports[0].utf8)) as? [String: Any])
        #expect(report["documents"] as? Int == 200)
        let proposals = try #require(report["proposals"] as? [[String: Any]])
        #expect(!proposals.isEmpty)
        let removed = proposals.compactMap { $0["bytes_removed"] as? Int }
        #expect(removed == removed.sorted(by: >))
    }

    @Test func textFilesGroupedByFolder() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for site in ["alpha", "beta"] {
            let siteFolder = folder.appendingPathComponent(site)
            try FileManager.default.createDirectory(at: siteFolder, withIntermediateDirectories: true)
            for index in 0..<8 {
                let text = "The \(site) council met on day \(index) and agreed on plan \(index * 7) after a long debate.\n\n\(site.capitalized) Weekly Digest\n"
                try text.write(to: siteFolder.appendingPathComponent("\(index).txt"), atomically: true, encoding: .utf8)
            }
        }
        let result = try CLI.run(["suggest", ".", "--group-by", "folder", "--output", "rules.yml", "-q"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let yaml = try String(contentsOf: folder.appendingPathComponent("rules.yml"), encoding: .utf8)
        #expect(yaml.contains("pattern: '^Alpha Weekly Digest$'"))
        #expect(yaml.contains("pattern: '^Beta Weekly Digest$'"))
        #expect(yaml.contains("id: site-alpha-alpha-weekly-digest"), "\(yaml)")
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try CLI.run(["suggest", "-", "--output", "/tmp/x.yml"]).status == 2)
        #expect(try CLI.run(["suggest", Self.corpus, "--jsonl", "--output", "/tmp/x.yml", "--min-share", "150%"]).status == 2)
        #expect(try CLI.run(["suggest", "Fixtures", "--group-by", "site", "--output", "/tmp/x.yml"]).status == 2)
        let missing = try CLI.run(["suggest", "--jsonl", Self.corpus, "--group-by", "nope", "--output", "/tmp/scrapelint-never.yml", "-q"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no field `nope`"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/scrapelint-never.yml"))
    }
}
