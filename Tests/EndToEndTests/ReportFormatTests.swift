import Foundation
import Testing

/// Every report format over every fixture input, compared with its snapshot; SARIF also against the
/// official schema. The snapshots use the pinned rules of Tests/Snapshots/rules.yml (not the built-in
/// packs), so that they change when a format does, not when a pack does.
@Suite struct ReportFormatTests {
    static let inputs = CLI.fixturePairs().map { "Fixtures/\($0)" }
    static let pinnedRules = ["--isolated", "--no-builtin", "--rules", "Tests/Snapshots/rules.yml"]
    static let formats: [(name: String, ext: String)] = [
        ("text", "txt"), ("concise", "txt"), ("json", "json"), ("jsonl", "jsonl"), ("sarif", "sarif.json"),
        ("github", "txt"), ("checkstyle", "xml"), ("junit", "xml"),
    ]

    @Test(arguments: formats.map(\.name))
    func formatMatchesItsSnapshot(_ format: String) throws {
        let result = try CLI.run(["check", "--format", format] + Self.pinnedRules + Self.inputs)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let ext = Self.formats.first { $0.name == format }!.ext
        try Snapshot.expect(result.stdout, matches: "\(format).\(ext)")
    }

    @Test func textInColour() throws {
        let input = Self.pinnedRules + ["Fixtures/invalid-utf8.txt"]
        let result = try CLI.run(["check", "--color", "always"] + input)
        try Snapshot.expect(result.stdout, matches: "text-color.txt")
        let forced = try CLI.run(["check"] + input, environment: ["NO_COLOR": nil, "FORCE_COLOR": "1"])
        #expect(forced.stdout == result.stdout)
        let plain = try CLI.run(["check"] + input, environment: ["NO_COLOR": "1", "FORCE_COLOR": "1"])
        #expect(!plain.out.contains("\u{1B}["))
    }

    /// With the built-in packs, whose descriptions are the longest texts SARIF carries.
    @Test func sarifValidatesAgainstTheSchema() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report.sarif")
        let result = try CLI.run(["check", "--format", "sarif", "--output", report.path] + Self.inputs)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty, "--output leaves standard output empty")
        let clean = folder.appendingPathComponent("clean.sarif")
        #expect(try CLI.run(["check", "--format", "sarif", "--output", clean.path, "Fixtures/no-noise.txt"]).status == 0)
        let validation = try CLI.runTool(URL(fileURLWithPath: "/usr/bin/env"), [
            "python3", "scripts/validate-json", "Tests/Schemas/sarif-2.1.0.json", report.path, clean.path,
        ])
        #expect(validation.status == 0, "\(validation.out)\(validation.stderr)")
    }

    @Test func outputWritesTheReportToAFile() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report.txt")
        let toFile = try CLI.run(["check", "--format", "concise", "--output", report.path, "Fixtures/invalid-utf8.txt"])
        let toStdout = try CLI.run(["check", "--format", "concise", "Fixtures/invalid-utf8.txt"])
        #expect(toFile.status == 1 && toFile.stdout.isEmpty)
        #expect(try Data(contentsOf: report) == toStdout.stdout)
        let unwritable = try CLI.run(["check", "--output", "/no/such/folder/report.txt", "Fixtures/invalid-utf8.txt"])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr == "scrapelint: error: /no/such/folder/report.txt: cannot create: No such file or directory\n")
    }

    @Test func exitStatusOptions() throws {
        let page = "Fixtures/reuters-kerry-2015.txt"
        #expect(try CLI.run(["check", "--exit-zero", page]).status == 0)
        #expect(try CLI.run(["check", "--exit-zero", "no/such.txt"]).status == 2)
        let errorsOnly = try CLI.run(["check", "--severity", "error", page])
        #expect(errorsOnly.status == 0)
        #expect(errorsOnly.out == "No violations in 1 file.\n")
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("page.txt")
        try Data(contentsOf: CLI.root.appendingPathComponent(page)).write(to: file)
        #expect(try CLI.run(["check", "--fix", "--unsafe-fixes", "--exit-non-zero-on-fix", "page.txt"], in: folder).status == 1)
        #expect(try CLI.run(["check", "--fix", "--unsafe-fixes", "--exit-non-zero-on-fix", "page.txt"], in: folder).status == 0)
    }

    /// JSON Lines corpus mode: the record id goes beside the file in the structured formats and after
    /// it in the text ones.
    @Test func recordsOfACorpusCarryTheirIDs() throws {
        let corpus = Data(#"""
        {"id":"a1","text":"0 : 0\n  • narrow-browser-and-phone\n"}
        {"text":"Advertisement\nStory."}

        """#.utf8)
        let options = ["check", "--jsonl", "--format"]
        let concise = try CLI.run(options + ["concise"] + Self.pinnedRules + ["-"], stdin: corpus)
        #expect(concise.out == """
        -[a1]:1:1: warning: spaced counter '0 : 0' [snap-counter]
        -[a1]:2:1: warning: layout label 'narrow-browser-and-phone' [snap-layout-label]
        -[line 2]:1:1: warning: widget line 'Advertisement' [snap-widget-line]
        Found 3 violations in 2 records (2 fixable with --fix, 1 more with --unsafe-fixes).

        """)
        let json = try CLI.run(options + ["json"] + Self.pinnedRules + ["-"], stdin: corpus)
        let objects = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]])
        #expect(objects.map { $0["file"] as? String } == ["-", "-", "-"])
        #expect(objects.map { $0["record"] as? String } == ["a1", "a1", "line 2"])
        let github = try CLI.run(options + ["github"] + Self.pinnedRules + ["-"], stdin: corpus)
        #expect(github.out.hasSuffix("::widget line 'Advertisement' [snap-widget-line] (record line 2)\n"))
    }
}
