import Foundation
import Testing

@Suite struct CommandTests {
    @Test func checkReportsTheSeedAndExitsOne() throws {
        let result = try CLI.run(["check", "Fixtures/reuters-kerry-2015.txt"])
        #expect(result.status == 1)
        let lines = result.out.split(separator: "\n")
        #expect(lines.first == "Fixtures/reuters-kerry-2015.txt:1:1: warning: page stamp line: 'January 12, 2015 / 12:20 PM / 5 years ago' [stamp-date-time-age]")
        #expect(lines.last == "Found 18 violations in 1 file (17 fixable with --fix, 1 more with --unsafe-fixes).")
    }

    @Test func checkOfTheCleanSeedExitsZero() throws {
        let result = try CLI.run(["check", "Fixtures/reuters-kerry-2015.clean.txt"])
        #expect(result.status == 0)
        #expect(result.out == "No violations in 1 file.\n")
    }

    @Test func customRuleFileFindsAndFixes() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        description: My site's own boilerplate.
        rules:
          - id: my-site-follow
            category: widgets
            severity: warning
            message: "follow prompt '$0'"
            description: Removes the site's follow prompt.
            pattern: '^Follow Example News on \\w+$'
            fix: delete-line
            examples:
              match: ["Follow Example News on Twitter"]
              no-match: ["Follow the money."]
        """.write(to: folder.appendingPathComponent("mine.yml"), atomically: true, encoding: .utf8)
        try "Story text.\nFollow Example News on Mastodon\n".write(to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        let check = try CLI.run(["check", "--no-builtin", "--rules", "mine.yml", "a.txt"], in: folder)
        #expect(check.status == 1)
        #expect(check.out.hasPrefix("a.txt:2:1: warning: follow prompt 'Follow Example News on Mastodon' [my-site-follow]\n"))
        let fix = try CLI.run(["check", "--rules", "mine.yml", "--fix", "a.txt"], in: folder)
        #expect(fix.status == 0, "\(fix.out)")
        #expect(try String(contentsOf: folder.appendingPathComponent("a.txt"), encoding: .utf8) == "Story text.\n")
        #expect(try CLI.run(["test", "mine.yml"], in: folder).status == 0)
    }

    @Test func badRuleFilesExitTwoWithLocationsAndTouchNothing() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        rules:
          - id: broken
            category: test
            severity: warning
            message: m
            description: d
            pattern: 'a(b'
            fixx: delete-line
            examples: {match: [a], no-match: [b]}
        """.write(to: folder.appendingPathComponent("bad.yml"), atomically: true, encoding: .utf8)
        let page = folder.appendingPathComponent("page.txt")
        let original = try Data(contentsOf: CLI.root.appendingPathComponent("Fixtures/reuters-kerry-2015.txt"))
        try original.write(to: page)
        let result = try CLI.run(["check", "--fix", "--rules", "bad.yml", "page.txt"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr == """
        bad.yml:7:14: error: `pattern` does not compile: missing closing parenthesis (at offset 3 in the pattern)
        bad.yml:8:5: error: unknown key `fixx` in rule; did you mean `fix`?

        """)
        #expect(try Data(contentsOf: page) == original)
    }

    @Test func testCommandNamesTheRuleWithAWrongExample() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        rules:
          - id: wrong-example
            category: test
            severity: info
            message: m
            description: d
            pattern: '^Advertisement$'
            examples:
              match: ["Advertisement", "ADVERTISEMENT"]
              no-match: ["Advertisers said"]
        """.write(to: folder.appendingPathComponent("pack.yml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["test", "pack.yml"], in: folder)
        #expect(result.status == 1)
        #expect(result.out == """
        pack.yml:2:5: wrong-example: match example 2 does not match: "ADVERTISEMENT"
        1 of 3 examples failed (1 rules).

        """)
    }

    @Test func builtinPacksPassTheirOwnTests() throws {
        let result = try CLI.run(["test"])
        #expect(result.status == 0, "\(result.out)")
        #expect(result.out.hasPrefix("All "))
    }

    @Test func missingPathIsReportedAndOthersStillChecked() throws {
        let result = try CLI.run(["check", "no/such/file.txt", "Fixtures/reuters-kerry-2015.clean.txt"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("scrapelint: error: no/such/file.txt: No such file or directory"))
        #expect(result.out.hasSuffix("No violations in 1 file. 1 error.\n"))
    }

    @Test func selectAndIgnore() throws {
        let only = try CLI.run(["check", "--select", "counters", "Fixtures/reuters-kerry-2015.txt"])
        #expect(only.out == """
        Fixtures/reuters-kerry-2015.txt:35:1: warning: share/comment counter '0 : 0' [counter-share-pair]
         35 | 0 : 0
            | ^^^^^

        Found 1 violation in 1 file (1 fixable with --fix).

        """)
        let unknown = try CLI.run(["check", "--ignore", "layuot", "Fixtures/reuters-kerry-2015.txt"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "scrapelint: error: `layuot` is not a rule id, a category, an id prefix ending in `-` or ALL; did you mean `layout`?\n")
    }

    @Test func folderWalkUsesIncludeGlobs() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try "0 : 0\n• above-phone\n".write(to: folder.appendingPathComponent("sub/a.txt"), atomically: true, encoding: .utf8)
        try "• above-phone\n".write(to: folder.appendingPathComponent("sub/b.md"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", "--format", "json", "."], in: folder)
        #expect(result.status == 1)
        let json = try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]]
        #expect(json?.map { $0["file"] as? String } == ["./sub/a.txt", "./sub/a.txt"])
        #expect(json?.map { $0["rule"] as? String } == ["counter-share-pair", "layout-breakpoint-label"])
        #expect(json?.first?["line"] as? Int == 1)
        #expect(json?.last?["text"] as? String == "• above-phone")
    }

    @Test func rulesListAndExplain() throws {
        let list = try CLI.run(["rules"])
        #expect(list.status == 0)
        #expect(list.out.contains("layout-breakpoint-label"))
        let explain = try CLI.run(["rules", "--explain", "counter-share-pair"])
        #expect(explain.out.contains("near: within 2 lines of a match of layout-breakpoint-label or footer-staff-credits"))
        let json = try CLI.run(["rules", "--format", "json"])
        let rules = try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]]
        let keys = Set(rules?.first?.keys.map { $0 } ?? [])
        #expect(keys.isSuperset(of: ["id", "category", "severity", "scope", "pattern", "flags", "unless", "fix", "replacement", "message", "description", "examples"]))
    }

    @Test func statisticsCountsPerRule() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["check", "--statistics", "--statistics-json", folder.appendingPathComponent("s.json").path,
                                  "Fixtures/reuters-kerry-2015.txt"])
        #expect(result.status == 1)
        #expect(result.out == """
        RULE                     MATCHES   FILES  LINES REMOVED  BYTES REMOVED   SHARE
        layout-breakpoint-label       14       1             14            452  11.56%
        caption-agency-credit          1       1              0              0   0.00%
        counter-share-pair             1       1              1              6   0.15%
        footer-staff-credits           1       1              1            153   3.91%
        stamp-date-time-age            1       1              1             42   1.07%
        (blank lines tidied)           0       0              3              3   0.08%
        total                         18  1 seen             20            656  16.77%

        """)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("s.json"))) as? [String: Any]
        #expect(json?["documents"] as? Int == 1)
        #expect((json?["rules"] as? [[String: Any]])?.count == 6)
    }

    @Test func cleanStatisticsCountRemovedLinesAndBytes() throws {
        let result = try CLI.run(["clean", "--statistics", "Fixtures/reuters-kerry-2015.txt"])
        #expect(result.status == 0)
        let seed = try Data(contentsOf: CLI.root.appendingPathComponent("Fixtures/reuters-kerry-2015.txt"))
        let clean = try Data(contentsOf: CLI.root.appendingPathComponent("Fixtures/reuters-kerry-2015.clean.txt"))
        let total = result.stderr.split(separator: "\n").last { $0.hasPrefix("total") }
        // Every removed byte is accounted for by a rule or the blank-line tidy.
        #expect(total?.split(separator: " ", omittingEmptySubsequences: true)[5] == Substring(String(seed.count - clean.count)))
        #expect(result.stderr.contains("layout-breakpoint-label       14       1             14            452  11.56%"))
    }

    @Test func safetyValveKeepsADocumentThatWouldLoseMostOfItsWords() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = "A short story.\n" + String(repeating: "  • narrow-browser-and-phone\n  • landscape-tablet-and-above\n", count: 30)
        let file = folder.appendingPathComponent("page.txt")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let fix = try CLI.run(["check", "--fix", "page.txt"], in: folder)
        #expect(fix.status == 1)
        #expect(fix.stderr.contains("page.txt: warning: not fixed: the fixes would remove 97% of its 123 words (rules: layout-breakpoint-label); use --max-removal or --no-limit to fix it anyway"))
        #expect(try String(contentsOf: file, encoding: .utf8) == text)
        let clean = try CLI.run(["clean", "page.txt"], in: folder)
        #expect(clean.out == text)
        let unlimited = try CLI.run(["clean", "--no-limit", "page.txt"], in: folder)
        #expect(unlimited.out == "A short story.\n")
        #expect(try CLI.run(["clean", "--max-removal", "99", "page.txt"], in: folder).out == "A short story.\n")
    }

    @Test func usageErrorsExitTwo() throws {
        let result = try CLI.run(["check", "--no-such-option"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("Error: Unknown option '--no-such-option'"))
        #expect(try CLI.run(["check", "--fix", "--diff", "x.txt"]).status == 2)
    }

    @Test func versionAndHelp() throws {
        #expect(try CLI.run(["--version"]).out.hasPrefix("0."))
        for command in ["check", "clean", "rules", "test"] {
            let help = try CLI.run([command, "--help"])
            #expect(help.status == 0)
            #expect(help.out.contains("Examples:"), "\(command)")
        }
    }
}
