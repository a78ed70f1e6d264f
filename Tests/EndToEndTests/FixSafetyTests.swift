import Foundation
import Testing

/// Safe and unsafe fixes as ruff has them: `--fix` applies the safe ones, `--unsafe-fixes` the rest,
/// `clean` all; `--show-fixes` lists what was fixed; rules declare `fix-safety`.
@Suite struct FixSafetyTests {
    /// A counter line (delete-line: safe) and a photo caption (delete-paragraph: unsafe).
    static let page = "Prose line one.\n0 : 0\n• narrow-browser-and-phone\n\nThe minister speaks in Islamabad. REUTERS/Rick Wilking\n\nMore prose.\n"
    static let safeFixed = "Prose line one.\n\nThe minister speaks in Islamabad. REUTERS/Rick Wilking\n\nMore prose.\n"
    static let allFixed = "Prose line one.\n\nMore prose.\n"

    func folder(with text: String = page) throws -> URL {
        let folder = try CLI.temporaryFolder()
        try Data(text.utf8).write(to: folder.appendingPathComponent("a.txt"))
        return folder
    }

    func contents(_ folder: URL) throws -> String {
        try String(contentsOf: folder.appendingPathComponent("a.txt"), encoding: .utf8)
    }

    @Test func fixAppliesOnlySafeFixesAndSaysWhatUnsafeFixesWouldDo() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let check = try CLI.run(["check", "--isolated", "--format", "concise", "a.txt"], in: folder)
        #expect(check.out.hasSuffix("Found 3 violations in 1 file (2 fixable with --fix, 1 more with --unsafe-fixes).\n"))
        let fix = try CLI.run(["check", "--isolated", "--fix", "--format", "concise", "a.txt"], in: folder)
        #expect(fix.status == 1)
        #expect(try contents(folder) == Self.safeFixed)
        #expect(fix.out == "a.txt:3:35: warning: photo caption ending in an agency credit: 'REUTERS/Rick Wilking' [caption-agency-credit]\nFixed 2 violations. Found 1 remaining violation in 1 file (1 fixable with --unsafe-fixes).\n")
        let unsafe = try CLI.run(["check", "--isolated", "--fix", "--unsafe-fixes", "--show-fixes", "--format", "concise", "a.txt"], in: folder)
        #expect(unsafe.status == 0)
        #expect(try contents(folder) == Self.allFixed)
        #expect(unsafe.out == "Fixed 1 violation:\n- a.txt:\n    1 × caption-agency-credit\nFixed 1 violation. No violations remain in 1 file.\n")
    }

    @Test func showFixesListsPerFileAndRule() throws {
        let folder = try folder(with: Self.page + "Advertisement\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("0 : 0\n• narrow-browser-and-phone\nStory.\n".utf8).write(to: folder.appendingPathComponent("b.txt"))
        try Data("Story.\n".utf8).write(to: folder.appendingPathComponent("c.txt"))
        let result = try CLI.run(["check", "--isolated", "--fix", "--show-fixes", "--format", "concise", "a.txt", "b.txt", "c.txt"], in: folder)
        #expect(result.out == """
        a.txt:3:35: warning: photo caption ending in an agency credit: 'REUTERS/Rick Wilking' [caption-agency-credit]
        Fixed 5 violations:
        - a.txt:
            1 × ad-label
            1 × counter-share-pair
            1 × layout-breakpoint-label
        - b.txt:
            1 × counter-share-pair
            1 × layout-breakpoint-label
        Fixed 5 violations. Found 1 remaining violation in 3 files (1 fixable with --unsafe-fixes).

        """)
        // With a machine-readable report, the listing goes to standard error.
        let json = try CLI.run(["check", "--isolated", "--fix", "--show-fixes", "--format", "json", "c.txt"], in: folder)
        #expect(json.out == "[]\n")
        #expect(json.stderr == "No fixes applied.\n")
    }

    @Test func diffFollowsTheSameSafety() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let safe = try CLI.run(["check", "--isolated", "--diff", "a.txt"], in: folder)
        #expect(safe.status == 1)
        #expect(!safe.out.contains("-The minister"))
        #expect(safe.out.contains("-0 : 0\n"))
        let unsafe = try CLI.run(["check", "--isolated", "--diff", "--unsafe-fixes", "a.txt"], in: folder)
        #expect(unsafe.out.contains("-The minister speaks in Islamabad. REUTERS/Rick Wilking\n"))
        #expect(try contents(folder) == Self.page)
    }

    @Test func cleanAppliesEveryFix() throws {
        let result = try CLI.run(["clean", "--isolated"], stdin: Data(Self.page.utf8))
        #expect(result.out == Self.allFixed)
        let help = try CLI.run(["clean", "--help"])
        #expect(help.out.contains("unsafe fixes too"))
    }

    @Test func rulesDeclareFixSafety() throws {
        let folder = try folder(with: "Keep this.\nSponsored: buy now\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        func rule(_ extra: String) -> String {
            """
            rules:
              - id: sponsored
                category: ads
                severity: warning
                message: sponsored
                description: A sponsored line, rewritten.
                pattern: '^Sponsored: .*$'
                fix: replace
                replacement: '[sponsored]'
            \(extra)
                examples: {match: ["Sponsored: x"], no-match: ["Keep"]}

            """
        }
        try rule("").write(to: folder.appendingPathComponent("default.yml"), atomically: true, encoding: .utf8)
        try rule("    fix-safety: safe").write(to: folder.appendingPathComponent("safe.yml"), atomically: true, encoding: .utf8)
        let base = ["check", "--isolated", "--no-builtin", "--format", "concise", "--diff", "a.txt", "--rules"]
        #expect(try CLI.run(base + ["default.yml"], in: folder).out.isEmpty)
        #expect(try CLI.run(base + ["safe.yml"], in: folder).out.contains("+[sponsored]\n"))
        let explain = try CLI.run(["rules", "--isolated", "--no-builtin", "--rules", "default.yml", "--explain", "sponsored"], in: folder)
        #expect(explain.out.contains("fix-safety:  unsafe (the default for replace)\n"))
        let json = try CLI.run(["check", "--isolated", "--no-builtin", "--rules", "default.yml", "--format", "json", "a.txt"], in: folder)
        let fix = try #require(((try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]])?.first?["fix"]) as? [String: Any])
        #expect(fix["applicability"] as? String == "unsafe")
        try rule("    fix-safety: maybe").write(to: folder.appendingPathComponent("bad.yml"), atomically: true, encoding: .utf8)
        let bad = try CLI.run(base + ["bad.yml"], in: folder)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad.yml:10:17: error:"), "\(bad.stderr)")
        #expect(bad.stderr.contains("`fix-safety`"))
    }

    @Test func optionsOutsideTheirModeAreErrors() throws {
        #expect(try CLI.run(["check", "--unsafe-fixes", "Fixtures/crlf.txt"]).status == 2)
        #expect(try CLI.run(["check", "--show-fixes", "--diff", "Fixtures/crlf.txt"]).status == 2)
    }
}
