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

    // MARK: item 12, the smaller ones

    @Test func quietPrintsNoSummaryLine() throws {
        for format in ["text", "concise"] {
            let result = try CLI.run(["check", "-q", "--format", format, "-"], stdin: Data(Self.page.utf8))
            #expect(result.status == 1)
            #expect(!result.out.contains("Found"), "\(format): \(result.out)")
            #expect(result.out.hasPrefix("-:2:1: warning:"))
        }
    }

    @Test func junitCarriesEachErrorInAnElement() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("page.txt", Array(Self.page.utf8))
        let result = try CLI.run(["check", "--format", "junit", "missing.txt", "page.txt"], in: scratch.folder)
        #expect(result.status == 2)
        #expect(result.out.contains(#"<testsuites name="scrapelint" tests="2" failures="1" errors="1">"#), "\(result.out)")
        #expect(result.out.contains("""
          <testsuite name="scrapelint errors" tests="1" failures="0" errors="1">
            <testcase name="error 1" classname="scrapelint">
              <error message="scrapelint: error: missing.txt: No such file or directory"/>
            </testcase>
          </testsuite>
        """), "\(result.out)")
    }

    @Test func githubFormatShowsControlCharactersInsteadOfSendingThem() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try Data("""
        rules:
          - id: test-quote
            category: test
            severity: warning
            message: "found '$0'"
            description: Quotes what it matched.
            pattern: 'a[\\x00-\\x1f]b'
            examples: {match: ["a\\tb"], no-match: ["ab"]}
        """.utf8).write(to: scratch.url("quote.yml"))
        let result = try CLI.run(["check", "--no-builtin", "--rules", "quote.yml", "--format", "github", "-"],
                                 stdin: Data([0x61, 0x1B, 0x62, 0x0A, 0x61, 0x00, 0x62, 0x0A]), in: scratch.folder)
        #expect(result.status == 1)
        #expect(result.out == """
        ::warning title=scrapelint (test-quote),file=-,line=1,col=1,endLine=1,endColumn=4::found 'a\u{241B}b' [test-quote]
        ::warning title=scrapelint (test-quote),file=-,line=2,col=1,endLine=2,endColumn=4::found 'a\u{2400}b' [test-quote]

        """)
    }

    @Test func captionColumnsPointAtTheCredit() throws {
        let agency = try CLI.run(["check", "--select", "caption-agency-credit", "--format", "concise", "-"],
                                 stdin: Data("A man walks past the bank in London, Britain, March 3, 2015. REUTERS/Toby Melville\n".utf8))
        #expect(agency.out.hasPrefix("-:1:62: warning: photo caption ending in an agency credit: 'REUTERS/Toby Melville'"), "\(agency.out)")
        let photo = try CLI.run(["check", "--select", "caption-photo-credit", "--format", "concise", "-"],
                                stdin: Data("Rescue workers search the rubble. (AP Photo/Jose Luis Magana, File)\n".utf8))
        #expect(photo.out.hasPrefix("-:1:35: warning: photo caption ending in a photo credit: '(AP Photo/Jose Luis Magana, File)'"), "\(photo.out)")
    }

    /// 570 one-word noise lines and two words of text: the valve said "100%" although 2 words remain; and
    /// `--diff` of such a file exited 0 although nothing was fixed.
    @Test func safetyValveRoundsDownAndDiffFailsWhenItRefuses() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("page.txt", Array((String(repeating: "Advertisement\n", count: 570) + "Two words.\n").utf8))
        let diff = try CLI.run(["check", "--diff", "page.txt"], in: scratch.folder)
        #expect(diff.status == 1)
        #expect(diff.out.isEmpty)
        #expect(diff.stderr.contains("page.txt: warning: not fixed: the fixes would remove 99% of its 572 words"), "\(diff.stderr)")
    }

    @Test func nothingToTestOrCheckIsSaid() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("empty/notes.md", Array("x\n".utf8))
        let test = try CLI.run(["test", "empty"], in: scratch.folder)
        #expect(test.status == 2)
        #expect(test.stderr == "scrapelint: error: no rules found in empty (rule files end in .yml or .yaml)\n")
        let check = try CLI.run(["check", "empty"], in: scratch.folder)
        #expect(check.status == 0)
        #expect(check.stderr.contains("empty: no file to check in this folder (looked for *.txt)"), "\(check.stderr)")
    }

    /// Rule-file errors: all in one round, at the byte they concern, naming every occurrence.
    @Test func ruleFileErrorsComeAtOnceAndWhereTheyAre() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let rule = { (id: String, extra: String) in
            "  - id: \(id)\n    category: t\n    severity: info\n    message: m\n    description: d\n    pattern: x\n\(extra)"
                + "    examples: {match: [x], no-match: [z]}\n"
        }
        try Data(("rules:\n" + rule("test-a", "") + rule("test-a", "    near: {rules: [test-missing], lines: 2}\n")).utf8)
            .write(to: scratch.url("rounds.yml"))
        let rounds = try CLI.run(["test", "rounds.yml"], in: scratch.folder)
        #expect(rounds.status == 2)
        #expect(rounds.stderr.contains("rounds.yml:9:5: error: duplicate rule id `test-a`"), "\(rounds.stderr)")
        #expect(rounds.stderr.contains("rounds.yml:9:5: error: `near` names unknown rule `test-missing`"), "\(rounds.stderr)")
        try Data("rules:\n  - id: test-a\n    pattern: x\n    pattern: y\n".utf8).write(to: scratch.url("keys.yml"))
        let keys = try CLI.run(["test", "keys.yml"], in: scratch.folder)
        #expect(keys.stderr.contains("keys.yml:3:5: error: duplicate key `pattern` (again at 4:5)"), "\(keys.stderr)")
        try Data("rules:\n  - id: test-a\n    pattern: \"x\u{0}\"\n".utf8).write(to: scratch.url("nul.yml"))
        let nul = try CLI.run(["test", "nul.yml"], in: scratch.folder)
        #expect(nul.stderr.hasPrefix("nul.yml:3:16: error: invalid YAML: control characters are not allowed"), "\(nul.stderr)")
        try Data(Array("rules:\n  - id: t\u{E9}st\n    pattern: \"x".utf8) + [0xFF] + Array("\"\n".utf8)).write(to: scratch.url("bytes.yml"))
        let bytes = try CLI.run(["test", "bytes.yml"], in: scratch.folder)
        #expect(bytes.stderr == "bytes.yml:3:16: error: the rule file is not valid UTF-8\n", "\(bytes.stderr)")
    }

    @Test func configSeverityOfAnUnknownRuleIsReportedWhereItIs() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try Data("severity:\n  ad-lable: error\n".utf8).write(to: scratch.url(".scrapelint.yml"))
        try scratch.write("page.txt", Array(Self.page.utf8))
        let result = try CLI.run(["check", "page.txt"], in: scratch.folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains(".scrapelint.yml:2:13: error: `severity` names no rule `ad-lable`; did you mean `ad-label`?"), "\(result.stderr)")
    }

    @Test func pathProblemsSayTheSystemsReason() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try FileManager.default.createSymbolicLink(atPath: scratch.url("loop").path, withDestinationPath: "loop")
        let loop = try CLI.run(["check", "loop", "missing.txt"], in: scratch.folder)
        #expect(loop.status == 2)
        #expect(loop.stderr.contains("loop: Too many levels of symbolic links"), "\(loop.stderr)")
        #expect(loop.stderr.contains("missing.txt: No such file or directory"), "\(loop.stderr)")
    }

    @Test(.enabled(if: Unprivileged.available)) func anUnlistableFolderSaysWhy() throws {
        let scratch = try Scratch()
        defer {
            chmod(scratch.url("locked").path, 0o755)
            scratch.remove()
        }
        try scratch.write("locked/a.txt", Array("x\n".utf8))
        chmod(scratch.folder.path, 0o755)
        chmod(scratch.url("locked").path, 0o311)
        let result = try Unprivileged.run(["check", "locked"], in: scratch.folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("locked: cannot list the folder: Permission denied"), "\(result.stderr)")
    }
}
