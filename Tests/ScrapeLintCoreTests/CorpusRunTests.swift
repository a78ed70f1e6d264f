import Foundation
import ScrapeLintCore
import Testing

/// A library user runs a corpus with the public API only (no command-line code): the README's
/// "Running a corpus" section, on JSON Lines and text files, with the one error policy.
@Suite struct CorpusRunTests {
    private static let rules = """
    rules:
      - id: test-ad
        category: test
        severity: warning
        message: 'ad line'
        description: An ad label on its own line.
        pattern: '^Advertisement$'
        fix: delete-line
        examples: {match: ["Advertisement"], no-match: ["An Advertisement ran."]}
    """

    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("scrapelint-corpusrun-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try Data(Self.rules.utf8).write(to: url.appendingPathComponent("rules.yml"))
        return url
    }

    /// Cleans every record of `inputs` and returns what was delivered, in order.
    private func clean(_ inputs: [String], rules: String, jobs: Int, policy: BadRecordPolicy) throws -> ([String], CorpusTally) {
        let ruleSet = try RuleSelection(builtin: false, ruleFiles: [rules]).makeRuleSet()
        let source = try CorpusSource(jsonLines: inputs, batchBytes: 64)
        let runner = BatchRunner(jobs: jobs) { Linter(ruleSet: ruleSet) }
        var delivered: [String] = []
        let tally = CorpusRun(documents: CorpusDocumentReader(field: "text", idField: "id"), policy: policy)
            .run(source, on: runner) { linter, document in
                linter.fix(document.text).bytes
            } deliver: { event in
                switch event {
                case .document(let document, let cleaned):
                    delivered.append("\(document.name)=\(String(decoding: cleaned, as: UTF8.self))")
                case .problem(.badRecord(let record, let action)):
                    delivered.append("bad \(record.location) \(action)")
                case .problem(.unreadable(let error)):
                    delivered.append("unreadable \(error)")
                }
                return true
            }
        return (delivered, tally)
    }

    @Test func aLibraryUserRunsAJSONLinesCorpus() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var corpus = ""
        for index in 0..<200 {
            corpus += index == 57 ? "not json\n" : #"{"id":"r\#(index)","text":"Advertisement\nStory \#(index).\n"}"# + "\n"
        }
        let input = folder.appendingPathComponent("c.jsonl").path
        try Data(corpus.utf8).write(to: input.url)
        let rules = folder.appendingPathComponent("rules.yml").path
        let (one, tally) = try clean([input], rules: rules, jobs: 1, policy: .skip)
        #expect(one.count == 200)
        #expect(one[0] == "r0=Story 0.\n")
        #expect(one[57] == "bad \(input):58 skipped")
        #expect(one[199] == "r199=Story 199.\n")
        #expect(tally.documents == 199 && tally.skipped == 1 && tally.records == 200)
        // Every core, the same events in the same order.
        let (two, _) = try clean([input], rules: rules, jobs: 2, policy: .skip)
        #expect(two == one)
        // Under `fail`, the run stops at the bad record, after delivering what came before it.
        let (stopped, stoppedTally) = try clean([input], rules: rules, jobs: 2, policy: .fail)
        #expect(stopped.count == 58)
        #expect(stopped.last == "bad \(input):58 stopped")
        #expect(stoppedTally.stopped == 1)
    }

    @Test func aLibraryUserRunsTextFiles() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = (0..<40).map { folder.appendingPathComponent("\($0).txt").path }
        for (index, path) in paths.enumerated() { try Data("Advertisement\nPage \(index).\n".utf8).write(to: path.url) }
        let ruleSet = try RuleSelection(builtin: false, ruleFiles: [folder.appendingPathComponent("rules.yml").path]).makeRuleSet()
        let runner = BatchRunner(jobs: 2) { Linter(ruleSet: ruleSet) }
        var names: [String] = []
        var texts: [String] = []
        let tally = CorpusRun().run(CorpusSource(textFiles: paths + [folder.appendingPathComponent("missing.txt").path], filesPerBatch: 7),
                                    on: runner) { linter, document in
            linter.fix(document.text).bytes
        } deliver: { event in
            if case .document(let document, let cleaned) = event {
                names.append(document.name)
                texts.append(String(decoding: cleaned, as: UTF8.self))
            }
            return true
        }
        #expect(names == paths)
        #expect(texts == (0..<40).map { "Page \($0).\n" })
        // A file that cannot be read is a problem delivered in its place; the rest went on.
        #expect(tally.documents == 40 && tally.unreadable == 1)
    }
}

private extension String {
    var url: URL { URL(fileURLWithPath: self) }
}
