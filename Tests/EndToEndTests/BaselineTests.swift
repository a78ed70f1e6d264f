import Foundation
import Testing

/// `check --write-baseline FILE` records today's violations; `check --baseline FILE` reports only new ones,
/// however the lines move; `--fix` still fixes everything.
@Suite struct BaselineTests {
    static let page = "Prose.\n0 : 0\n• narrow-browser-and-phone\nAdvertisement\n"

    @Test func writeThenReportOnlyNewViolations() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a.txt")
        try Data(Self.page.utf8).write(to: file)
        let write = try CLI.run(["check", "--isolated", "--format", "concise", "--write-baseline", "base.json", "a.txt"], in: folder)
        #expect(write.status == 1)
        #expect(write.out.hasSuffix("Found 3 violations in 1 file (3 fixable with --fix).\n"))
        #expect(try String(contentsOf: folder.appendingPathComponent("base.json"), encoding: .utf8) == """
        {
          "version": 1,
          "violations": [
            {"rule":"ad-label","file":"a.txt","record":null,"hash":"8e4caf35d9f5a57e","count":1},
            {"rule":"counter-share-pair","file":"a.txt","record":null,"hash":"464bba258031423d","count":1},
            {"rule":"layout-breakpoint-label","file":"a.txt","record":null,"hash":"b198e8222b91ff66","count":1}
          ]
        }

        """)
        let same = try CLI.run(["check", "--isolated", "--format", "concise", "--baseline", "base.json", "./a.txt"], in: folder)
        #expect(same.status == 0)
        #expect(same.out == "No violations in 1 file. 3 more in the baseline, not shown.\n")
        // Lines move and a second advertisement appears: only that one is new.
        try Data(("New first line.\n" + Self.page + "Advertisement\n").utf8).write(to: file)
        let moved = try CLI.run(["check", "--isolated", "--format", "concise", "--baseline", "base.json", "a.txt"], in: folder)
        #expect(moved.status == 1)
        #expect(moved.out == "a.txt:6:1: warning: advertisement label 'Advertisement' [ad-label]\nFound 1 violation in 1 file (1 fixable with --fix). 3 more in the baseline, not shown.\n")
        let json = try CLI.run(["check", "--isolated", "--format", "json", "--baseline", "base.json", "a.txt"], in: folder)
        #expect((try JSONSerialization.jsonObject(with: json.stdout) as? [Any])?.count == 1)
        // --fix ignores the baseline: it fixes all four.
        let fix = try CLI.run(["check", "--isolated", "--fix", "--baseline", "base.json", "a.txt"], in: folder)
        #expect(fix.status == 0)
        #expect(try String(contentsOf: file, encoding: .utf8) == "New first line.\nProse.\n")
    }

    @Test func recordsAreKnownByTheirIDs() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = "{\"id\":\"r1\",\"text\":\"Advertisement\\nStory.\\n\"}\n{\"id\":\"r2\",\"text\":\"Story.\\n\"}\n"
        #expect(try CLI.run(["check", "--isolated", "--jsonl", "-q", "--write-baseline", "base.json", "-"], stdin: Data(first.utf8), in: folder).status == 1)
        let base = try String(contentsOf: folder.appendingPathComponent("base.json"), encoding: .utf8)
        #expect(base.contains(#"{"rule":"ad-label","file":"-","record":"r1","hash":"8e4caf35d9f5a57e","count":1}"#))
        // The records come in another order; r2 gains the same advertisement: new, since it is another record.
        let second = "{\"id\":\"r2\",\"text\":\"Advertisement\\nStory.\\n\"}\n{\"id\":\"r1\",\"text\":\"Intro.\\nAdvertisement\\nStory.\\n\"}\n"
        let result = try CLI.run(["check", "--isolated", "--jsonl", "--format", "concise", "--baseline", "base.json", "-"], stdin: Data(second.utf8), in: folder)
        #expect(result.out == "-[r2]:1:1: warning: advertisement label 'Advertisement' [ad-label]\nFound 1 violation in 2 records (1 fixable with --fix). 1 more in the baseline, not shown.\n")
    }

    @Test func badBaselinesAndModesAreErrors() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Self.page.utf8).write(to: folder.appendingPathComponent("a.txt"))
        try Data("{\"version\": 2, \"violations\": []}".utf8).write(to: folder.appendingPathComponent("v2.json"))
        let wrong = try CLI.run(["check", "--isolated", "--baseline", "v2.json", "a.txt"], in: folder)
        #expect(wrong.status == 2)
        #expect(wrong.stderr == "scrapelint: error: v2.json: not a scrapelint baseline: `version` must be 1\n")
        #expect(wrong.out.isEmpty)
        let missing = try CLI.run(["check", "--isolated", "--baseline", "none.json", "a.txt"], in: folder)
        #expect(missing.status == 2)
        #expect(try CLI.run(["check", "--isolated", "--diff", "--baseline", "v2.json", "a.txt"], in: folder).status == 2)
        #expect(try CLI.run(["clean", "--isolated", "--baseline", "v2.json", "a.txt"], in: folder).status == 2)
        let unwritable = try CLI.run(["check", "--isolated", "--write-baseline", "/no/such/folder/b.json", "a.txt"], in: folder)
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.hasPrefix("scrapelint: error: /no/such/folder/b.json: cannot create a temporary file next to it: No such file or directory"))
    }
}
