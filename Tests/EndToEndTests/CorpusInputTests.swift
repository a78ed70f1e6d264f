import Foundation
import Testing

/// Corpus input: nested fields (`--field a.b`), several JSON Lines inputs in one run (standard input too),
/// with ids, order and errors as docs/workflow.md describes.
@Suite struct CorpusInputTests {
    @Test func nestedFieldsAreCleanedInPlace() throws {
        let records = Data("""
        {"id":1,"meta":{"url":"u1","body":"Advertisement\\nStory.\\n"},"text":"Advertisement\\n"}
        {"meta.body":"Advertisement\\nTop.\\n","meta":{"body":"Keep\\n"}}
        {"meta":{"other":1}}
        {"meta":"not an object"}

        """.utf8)
        let clean = try CLI.run(["clean", "--isolated", "--jsonl", "--field", "meta.body", "--on-error", "keep", "-"], stdin: records)
        #expect(clean.out == """
        {"id":1,"meta":{"url":"u1","body":"Story.\\n"},"text":"Advertisement\\n"}
        {"meta.body":"Top.\\n","meta":{"body":"Keep\\n"}}
        {"meta":{"other":1}}
        {"meta":"not an object"}

        """)
        #expect(clean.stderr.contains("-:3: warning: the record has no field `meta.body`; record passed through unchanged\n"))
        #expect(clean.stderr.contains("-:4: warning: the record has no field `meta.body`; record passed through unchanged\n"))
        let check = try CLI.run(["check", "--isolated", "--jsonl", "--field", "meta.body", "--id-field", "meta.url", "--format", "concise", "-q", "--on-error", "skip", "-"], stdin: records)
        #expect(check.out.hasPrefix("-[u1]:1:1: warning: advertisement label 'Advertisement' [ad-label]\n"))
    }

    @Test func severalInputsInOrderWithStandardInput() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // a.jsonl has no final line break: its last record still ends its own line in the output.
        try Data("{\"id\":\"a1\",\"text\":\"Advertisement\\nA.\\n\"}\n{\"id\":\"a2\",\"text\":\"Ok.\\n\"}".utf8).write(to: folder.appendingPathComponent("a.jsonl"))
        try Data("{\"id\":\"b1\",\"text\":\"Advertisement\\nB.\\n\"}\r\n".utf8).write(to: folder.appendingPathComponent("b.jsonl"))
        let stdin = Data("{\"id\":\"s1\",\"text\":\"Advertisement\\nS.\\n\"}\nnot json\n".utf8)
        let clean = try CLI.run(["clean", "--isolated", "--jsonl", "--on-error", "skip", "a.jsonl", "-", "b.jsonl"], stdin: stdin, in: folder)
        #expect(clean.status == 0)
        #expect(clean.out == "{\"id\":\"a1\",\"text\":\"A.\\n\"}\n{\"id\":\"a2\",\"text\":\"Ok.\\n\"}\n{\"id\":\"s1\",\"text\":\"S.\\n\"}\n{\"id\":\"b1\",\"text\":\"B.\\n\"}\r\n")
        #expect(clean.stderr == "-:2: warning: the line is not a JSON object; record skipped\nscrapelint: 5 records read, 4 written (3 changed), 1 skipped\n")
        let check = try CLI.run(["check", "--isolated", "--jsonl", "--format", "concise", "--on-error", "skip", "a.jsonl", "-", "b.jsonl"], stdin: stdin, in: folder)
        #expect(check.out == """
        a.jsonl[a1]:1:1: warning: advertisement label 'Advertisement' [ad-label]
        -[s1]:1:1: warning: advertisement label 'Advertisement' [ad-label]
        b.jsonl[b1]:1:1: warning: advertisement label 'Advertisement' [ad-label]
        Found 3 violations in 4 records (3 fixable with --fix).

        """)
        // Every input is opened first: a missing one is an error before any output.
        let missing = try CLI.run(["clean", "--isolated", "--jsonl", "a.jsonl", "nope.jsonl"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.out.isEmpty)
        #expect(missing.stderr == "scrapelint: error: nope.jsonl: No such file or directory\n")
        #expect(try CLI.run(["clean", "--isolated", "--jsonl", "-", "-"], in: folder).status == 2)
        #expect(try CLI.run(["clean", "--isolated", "a.jsonl", "b.jsonl"], in: folder).status == 2)
    }
}
