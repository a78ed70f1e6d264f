import Foundation
import Testing

/// Small wrong answers: statistics of a check, JSON Lines edge cases, and the smaller items of issue 14.
@Suite struct WrongAnswerTests {
    static let page = "Prose line.\nAdvertisement\nMore prose here.\n"

    /// `check --statistics` without `--fix` said 0 lines and 0 bytes removed for every rule: it now says
    /// what the fixes would remove, the same table as `check --fix --statistics` of the same file.
    @Test func statisticsWithoutFixSayWhatTheFixesWouldRemove() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("page.txt", Array(Self.page.utf8))
        let check = try CLI.run(["check", "--statistics", "--statistics-json", "stats.json", "page.txt"], in: scratch.folder)
        #expect(check.status == 1)
        let table = """
        RULE      MATCHES   FILES  LINES REMOVED  BYTES REMOVED   SHARE
        ad-label        1       1              1             14  32.56%
        total           1  1 seen              1             14  32.56%

        """
        #expect(check.out == table)
        let json = try String(contentsOf: scratch.url("stats.json"), encoding: .utf8)
        #expect(json.contains(#""lines_removed":1,"bytes_removed":14"#), "\(json)")
        #expect(try scratch.read("page.txt") == Array(Self.page.utf8))
        let fix = try CLI.run(["check", "--fix", "--statistics", "page.txt"], in: scratch.folder)
        #expect(fix.out == table)
    }

    /// JSON Lines: a BOM before the first record, blank lines, a repeated text key, blank texts dropped.
    @Test func jsonLinesBOMBlankLinesDuplicateKeysAndBlankTexts() throws {
        let input = "\u{FEFF}{\"id\":\"a\",\"text\":\"Prose.\\nAdvertisement\"}\n\n  \n"
            + "{\"id\":\"b\",\"text\":\"Advertisement\",\"text\":\"Kept.\\nAdvertisement\"}\n"
            + "{\"id\":\"c\",\"text\":\" \\n \"}\n{\"id\":\"d\",\"text\":\"Advertisement\"}\n"
        let clean = try CLI.run(["clean", "--jsonl", "--drop-empty", "-"], stdin: Data(input.utf8))
        #expect(clean.status == 0, "\(clean.stderr)")
        // The BOM and the blank lines pass through; the last `text` (the one parsers read) is cleaned.
        #expect(clean.out == "\u{FEFF}{\"id\":\"a\",\"text\":\"Prose.\\n\"}\n\n  \n"
            + "{\"id\":\"b\",\"text\":\"Advertisement\",\"text\":\"Kept.\\n\"}\n")
        #expect(clean.stderr == """
        -:4 [b]: warning: field `text` appears 2 times; the last one, which JSON parsers read, is the text
        scrapelint: 4 records read, 2 written (2 changed), 2 dropped as empty or blank (1 blank before cleaning), 2 blank lines passed through

        """)
        let check = try CLI.run(["check", "--jsonl", "--format", "concise", "-"], stdin: Data(input.utf8))
        #expect(check.status == 1, "\(check.stderr)")
        #expect(check.out.hasPrefix("-[a]:2:1: warning: advertisement label 'Advertisement' [ad-label]\n-[b]:2:1:"), "\(check.out)")
        #expect(check.stderr.hasSuffix("scrapelint: 4 records read, 3 violations, 2 blank lines ignored\n"), "\(check.stderr)")
    }
}
