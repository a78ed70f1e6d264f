import Foundation
import Testing

/// Suppressions: `per-file-ignores` globs, a JSON Lines record's `--ignore-field`, and inline
/// `scrapelint: disable-next-line / disable / enable` directives, whose lines no fix removes.
@Suite struct SuppressionTests {
    static let page = "Prose.\n0 : 0\n• narrow-browser-and-phone\n"

    func write(_ text: String, _ path: String, in folder: URL) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    @Test func perFileIgnoresWithDoubleStarGlobs() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("per-file-ignores:\n  \"archive/**/*.txt\": [layout]\n  \"news/*.txt\": counter-share-pair,stamps\n  \"*.md\": [ALL]\n", ".scrapelint.yml", in: folder)
        for path in ["archive/a.txt", "archive/2015/deep/b.txt", "news/c.txt", "news/sub/d.txt", "top.txt"] { try write(Self.page, path, in: folder) }
        let result = try CLI.run(["check", "--format", "concise", "."], in: folder)
        #expect(result.out == """
        ./archive/2015/deep/b.txt:2:1: warning: share/comment counter '0 : 0' [counter-share-pair]
        ./archive/a.txt:2:1: warning: share/comment counter '0 : 0' [counter-share-pair]
        ./news/c.txt:3:1: warning: layout label leaked from page markup: 'narrow-browser-and-phone' [layout-breakpoint-label]
        ./news/sub/d.txt:2:1: warning: share/comment counter '0 : 0' [counter-share-pair]
        ./news/sub/d.txt:3:1: warning: layout label leaked from page markup: 'narrow-browser-and-phone' [layout-breakpoint-label]
        ./top.txt:2:1: warning: share/comment counter '0 : 0' [counter-share-pair]
        ./top.txt:3:1: warning: layout label leaked from page markup: 'narrow-browser-and-phone' [layout-breakpoint-label]
        Found 7 violations in 5 files (7 fixable with --fix). Configuration: .scrapelint.yml.

        """)
        // Stronger than any selection, as in ruff.
        let selected = try CLI.run(["check", "--format", "concise", "--select", "layout-breakpoint-label", "archive/a.txt"], in: folder)
        #expect(selected.status == 0)
        // A glob without `/` matches the file name anywhere.
        try write(Self.page, "notes/x.md", in: folder)
        #expect(try CLI.run(["check", "notes/x.md"], in: folder).status == 0)
        let show = try CLI.run(["config", "--show", "news/c.txt"], in: folder)
        #expect(show.out.contains("per-file-ignores = [\"counter-share-pair\", \"stamps\"]"))
        try write("per-file-ignores: [layout]\n", ".scrapelint.yml", in: folder)
        let bad = try CLI.run(["check", "top.txt"], in: folder)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains(".scrapelint.yml:1:19: error: `per-file-ignores` must be a mapping"), "\(bad.stderr)")
    }

    @Test func recordIgnoreField() throws {
        let records = Data("""
        {"id":1,"text":"Advertisement\\nStory.\\n","skip":["ads"]}
        {"id":2,"text":"Advertisement\\nStory.\\n"}
        {"id":3,"text":"Advertisement\\nStory.\\n","skip":"ad-label, stamps"}
        {"id":4,"text":"Advertisement\\nStory.\\n","skip":null}
        {"id":5,"text":"Advertisement\\nStory.\\n","skip":"nope"}

        """.utf8)
        let clean = try CLI.run(["clean", "--isolated", "--jsonl", "--ignore-field", "skip", "--on-error", "keep", "-q", "-"], stdin: records)
        #expect(clean.out == """
        {"id":1,"text":"Advertisement\\nStory.\\n","skip":["ads"]}
        {"id":2,"text":"Story.\\n"}
        {"id":3,"text":"Advertisement\\nStory.\\n","skip":"ad-label, stamps"}
        {"id":4,"text":"Story.\\n","skip":null}
        {"id":5,"text":"Advertisement\\nStory.\\n","skip":"nope"}

        """)
        // -q: no per-record warning, but the bad record is counted (issue 13, item 5).
        #expect(clean.stderr == "scrapelint: warning: 1 bad record was not used (1 passed through unchanged); run without --quiet to see which\n")
        let loud = try CLI.run(["clean", "--isolated", "--jsonl", "--ignore-field", "skip", "--on-error", "keep", "-"], stdin: records)
        #expect(loud.stderr.hasPrefix("-:5: warning: field `skip`: `nope` is not a rule id, a category, an id prefix ending in `-` or ALL; record passed through unchanged\n"))
        let check = try CLI.run(["check", "--isolated", "--jsonl", "--ignore-field", "skip", "--on-error", "skip", "--format", "concise", "-"], stdin: records)
        #expect(check.out == """
        -[2]:1:1: warning: advertisement label 'Advertisement' [ad-label]
        -[4]:1:1: warning: advertisement label 'Advertisement' [ad-label]
        Found 2 violations in 4 records (2 fixable with --fix).

        """)
        #expect(try CLI.run(["check", "--ignore-field", "skip", "Fixtures/crlf.txt"]).status == 2)
    }

    @Test func inlineDirectives() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("""
        Prose.
        <!-- scrapelint: disable-next-line ad-label -->
        Advertisement
        Advertisement
        scrapelint: disable ads, layout
        Advertisement
          • narrow-browser-and-phone
        scrapelint: enable ads
        Advertisement
        scrapelint: disable-next-line stamps
        Text.
        scrapelint: disabel ads
        scrapelint: disable-next-line nosuch
        scrapelint: enable counters

        """, "a.txt", in: folder)
        let result = try CLI.run(["check", "--isolated", "--format", "concise", "a.txt"], in: folder)
        #expect(result.status == 1)
        #expect(result.out == """
        a.txt:4:1: warning: advertisement label 'Advertisement' [ad-label]
        a.txt:9:1: warning: advertisement label 'Advertisement' [ad-label]
        Found 2 violations in 1 file (2 fixable with --fix).

        """)
        #expect(result.stderr == """
        a.txt:10:1: warning: unused suppression: no `stamps` violation to suppress
        a.txt:12:1: warning: unknown directive `scrapelint: disabel`; the directives are disable-next-line, disable and enable
        a.txt:13:1: warning: `scrapelint: disable-next-line`: `nosuch` is not a rule id, a category, an id prefix ending in `-` or ALL
        a.txt:14:1: warning: `scrapelint: enable counters` has no `disable counters` before it

        """)
        let fix = try CLI.run(["check", "--isolated", "--fix", "a.txt"], in: folder)
        #expect(fix.status == 0)
        let fixed = try String(contentsOf: folder.appendingPathComponent("a.txt"), encoding: .utf8)
        #expect(fixed == """
        Prose.
        <!-- scrapelint: disable-next-line ad-label -->
        Advertisement
        scrapelint: disable ads, layout
        Advertisement
          • narrow-browser-and-phone
        scrapelint: enable ads
        scrapelint: disable-next-line stamps
        Text.
        scrapelint: disabel ads
        scrapelint: disable-next-line nosuch
        scrapelint: enable counters

        """)
    }

    /// No fix removes a directive line, even one inside a paragraph a rule deletes whole; a directive that
    /// suppresses nothing is reported.
    @Test func directiveLinesAreNeverDeleted() throws {
        // caption-labelled-block deletes its whole paragraph, which here holds a directive. (A label alone on
        // its line, "Image caption,", is a line rule's; this label has its caption on the same line.)
        let text = "Story.\n\nImage caption, the crowd at the gate\nscrapelint: disable-next-line ad-label\n\nMore.\n"
        let clean = try CLI.run(["clean", "--isolated"], stdin: Data(text.utf8))
        #expect(clean.out == text)
        let check = try CLI.run(["check", "--isolated", "--format", "concise", "-"], stdin: Data(text.utf8))
        #expect(check.out == "-:3:1: warning: labelled caption block [caption-labelled-block]\nFound 1 violation in 1 file.\n")
        #expect(check.stderr == "-:4:1: warning: unused suppression: no `ad-label` violation to suppress\n")
    }
}
