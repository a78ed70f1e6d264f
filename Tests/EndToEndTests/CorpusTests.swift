import Foundation
import Testing

/// The JSON Lines corpus mode through the binary: order, untouched fields, error policies, counts.
@Suite struct CorpusTests {
    static let sample = "Fixtures/corpus/sample.jsonl"

    private func lines(_ data: Data) -> [Data] {
        data.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { Data($0) }
    }

    @Test func cleanKeepsOrderAndIsIdenticalOnEveryJobCount() throws {
        let one = try CLI.run(["clean", "--jsonl", "--jobs", "1", Self.sample])
        let two = try CLI.run(["clean", "--jsonl", "--jobs", "2", Self.sample])
        let four = try CLI.run(["clean", "--jsonl", "--jobs", "4", "-"], stdin: Data(contentsOf: CLI.root.appendingPathComponent(Self.sample)))
        #expect(one.status == 0)
        #expect(one.stdout == two.stdout)
        #expect(one.stdout == four.stdout)
        #expect(one.stderr.hasPrefix("scrapelint: 183 records read, 183 written ("))
    }

    @Test func everyOtherFieldIsUntouchedAndTextIsCleaned() throws {
        let input = try Data(contentsOf: CLI.root.appendingPathComponent(Self.sample))
        let result = try CLI.run(["clean", "--jsonl", Self.sample])
        let before = lines(input), after = lines(result.stdout)
        #expect(before.count == after.count)
        var changed = 0
        for (original, cleaned) in zip(before, after) {
            if original == cleaned { continue }
            changed += 1
            let a = try #require(JSONSerialization.jsonObject(with: original) as? [String: Any])
            let b = try #require(JSONSerialization.jsonObject(with: cleaned) as? [String: Any])
            #expect(a["id"] as? String == b["id"] as? String)
            #expect(a["source"] as? String == b["source"] as? String)
            #expect(Set(a.keys) == Set(b.keys))
            // The bytes before the text value are identical (key order and spacing kept).
            let prefix = original.prefix(while: { $0 != UInt8(ascii: "t") })
            #expect(cleaned.starts(with: prefix))
            let text = try #require(b["text"] as? String)
            #expect(!text.contains("narrow-browser-and-phone"))
            #expect((a["text"] as? String)?.count ?? 0 > text.count)
        }
        #expect(changed > 100)
    }

    @Test func cleanedRecordsEqualCleaningEachTextAlone() throws {
        let input = try Data(contentsOf: CLI.root.appendingPathComponent(Self.sample))
        let result = try CLI.run(["clean", "--jsonl", Self.sample])
        for (original, cleaned) in zip(lines(input), lines(result.stdout)).prefix(5) {
            let text = try #require((JSONSerialization.jsonObject(with: original) as? [String: Any])?["text"] as? String)
            let alone = try CLI.run(["clean"], stdin: Data(text.utf8))
            let fromRecord = (try JSONSerialization.jsonObject(with: cleaned) as? [String: Any])?["text"] as? String
            #expect(fromRecord == alone.out)
        }
    }

    private let mixed = Data("""
    {"id":"a","text":"Story.\\n0 : 0\\n• above-phone"}
    {"id":"b","text":5}
    not json
    {"id":"c","body":"no text field"}
    {"id":"d","text":"Fine text.","extra":[1,{"k":null}]}

    """.utf8)

    @Test func failPolicyStopsWithStatusTwoAfterWritingWhatWasDone() throws {
        let result = try CLI.run(["clean", "--jsonl", "-"], stdin: mixed)
        #expect(result.status == 2)
        #expect(result.out == "{\"id\":\"a\",\"text\":\"Story.\\n\"}\n")
        #expect(result.stderr.contains("-:2: error: field `text` is not a string (stopping; use --on-error skip or keep to go on)"))
        #expect(result.stderr.contains("scrapelint: 2 records read, 1 written (1 changed); stopped at a bad record"))
    }

    @Test func skipAndKeepPolicies() throws {
        let skip = try CLI.run(["clean", "--jsonl", "--on-error", "skip", "-"], stdin: mixed)
        #expect(skip.status == 0)
        #expect(skip.out == "{\"id\":\"a\",\"text\":\"Story.\\n\"}\n{\"id\":\"d\",\"text\":\"Fine text.\",\"extra\":[1,{\"k\":null}]}\n")
        #expect(skip.stderr.contains("-:3: warning: the line is not a JSON object; record skipped"))
        #expect(skip.stderr.contains("-:4: warning: the record has no field `text`; record skipped"))
        #expect(skip.stderr.contains("scrapelint: 5 records read, 2 written (1 changed), 3 skipped"))
        let keep = try CLI.run(["clean", "--jsonl", "--on-error", "keep", "-"], stdin: mixed)
        #expect(keep.status == 0)
        #expect(keep.out.split(separator: "\n").count == 5)
        #expect(keep.out.contains("\nnot json\n"))
        #expect(keep.stderr.contains("5 records read, 5 written (1 changed), 3 passed through unchanged"))
    }

    @Test func reportFieldAndDropEmpty() throws {
        let input = Data("{\"id\":1,\"text\":\"0 : 0\\n• above-phone\"}\n{\"id\":2,\"text\":\"Kept.\"}\n".utf8)
        let result = try CLI.run(["clean", "--jsonl", "--drop-empty", "--report-field", "removed", "-"], stdin: input)
        #expect(result.status == 0)
        #expect(result.out == "{\"id\":2,\"text\":\"Kept.\",\"removed\":[]}\n")
        #expect(result.stderr.contains("2 records read, 1 written (0 changed), 1 dropped as empty"))
        let reported = try CLI.run(["clean", "--jsonl", "--report-field", "removed", "-"], stdin: input)
        let first = try #require(reported.out.split(separator: "\n").first)
        let object = try #require(JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        let removed = try #require(object["removed"] as? [[String: Any]])
        #expect(removed.map { $0["rule"] as? String } == ["counter-share-pair", "layout-breakpoint-label"])
        #expect(removed.last?["text"] as? String == "• above-phone")
    }

    @Test func checkReportsByRecordID() throws {
        let input = Data("{\"id\":\"rec-7\",\"text\":\"Fine.\\n\\n0 : 0\\n• above-phone\"}\n{\"id\":\"rec-8\",\"text\":\"Fine.\"}\n".utf8)
        let result = try CLI.run(["check", "--jsonl", "-"], stdin: input)
        #expect(result.status == 1)
        #expect(result.out.hasPrefix("-[rec-7]:3:1: warning: share/comment counter '0 : 0' [counter-share-pair]\n"))
        #expect(result.out.hasSuffix("Found 2 violations in 2 records (2 fixable with --fix).\n"))
    }

    @Test func lineTerminatorsAndLoneSurrogatesSurvive() throws {
        let input = Data("{\"text\":\"a\\ud800b\\n0 : 0\\n• above-phone\"}\r\n{\"text\":\"\\u00e9t\\u00e9\"}".utf8)
        let result = try CLI.run(["clean", "--jsonl", "-"], stdin: input)
        #expect(result.out == "{\"text\":\"a\\ud800b\\n\"}\r\n{\"text\":\"\\u00e9t\\u00e9\"}")
    }

    static let sparkAvailable: Bool = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import pyspark, shutil, sys; sys.exit(0 if shutil.which('java') else 1)"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    /// Spark in local mode with 2 partitions pipes the records through the binary; the result equals a
    /// single-process run. CI installs pyspark (see .ci/run); elsewhere the test is skipped.
    @Test(.enabled(if: sparkAvailable, "pyspark and java are needed"), .timeLimit(.minutes(5)))
    func sparkPipeEqualsASingleRun() throws {
        let result = try CLI.runTool(URL(fileURLWithPath: "/usr/bin/env"),
                                     ["python3", "Tests/Spark/spark_pipe.py", CLI.binary.path, Self.sample, "2"])
        #expect(result.status == 0, "\(result.out)\(result.stderr.suffix(2000))")
        #expect(result.out.contains("spark (2 partitions) and single process agree on 183 records"))
    }
}
