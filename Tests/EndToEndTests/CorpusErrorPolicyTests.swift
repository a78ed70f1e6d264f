import Foundation
import Testing

/// One error policy for every command that runs over a corpus (issue 13, item 5): a bad record is warned
/// about and counted wherever it is met, `--quiet` silences the warnings but still counts them, checked
/// counts leave bad records out, a `--statistics-json` that cannot be written is status 2 in every mode,
/// and standard input is named by its `--stdin-filename`.
@Suite struct CorpusErrorPolicyTests {
    private static let corpus = Array(#"""
    {"id":"r1","text":"Advertisement\nStory one [3 shares] ends.\n"}
    not json
    {"id":"r3","text":"Story three.\n"}

    """#.utf8)
    private static let rules = ["--no-builtin", "--rules", "noise.yml"]

    private func scratch() throws -> Scratch {
        let scratch = try Scratch()
        try scratch.write("c.jsonl", Self.corpus)
        try scratch.write("d/a.txt", Array("Advertisement\nStory.\n".utf8))
        return scratch
    }

    @Test(arguments: ["skip", "keep"])
    func reviewingCommandsWarnAboutAndCountEveryBadRecord(policy: String) throws {
        let scratch = try scratch()
        defer { scratch.remove() }
        let left = policy == "skip" ? "record skipped" : "record left out (nothing is written per record here)"
        let runs: [[String]] = [
            ["report", "--html", "r.html", "--jsonl", "--on-error", policy, "c.jsonl"] + Self.rules,
            ["compare", "--rules-a", "noise.yml", "--rules-b", "noise.yml", "--jsonl", "--on-error", policy, "c.jsonl"],
            ["suggest", "-o", "s.yml", "--jsonl", "--on-error", policy, "c.jsonl"] + Self.rules,
        ]
        for arguments in runs {
            let result = try CLI.run(arguments, in: scratch.folder)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let warning = "c.jsonl:2: warning: the line is not a JSON object; \(left)\n"
            #expect(result.stderr.components(separatedBy: warning).count == 2, "\(arguments): \(result.stderr)")
            let count = "scrapelint: 3 records read, 1 bad record not used (1 \(policy == "skip" ? "skipped" : "left out"))\n"
            #expect(result.stderr.contains(count), "\(arguments): \(result.stderr)")
        }
    }

    @Test func quietSilencesPerRecordWarningsButCountsThem() throws {
        let scratch = try scratch()
        defer { scratch.remove() }
        let expected = "scrapelint: warning: 1 bad record was not used (1 skipped); run without --quiet to see which\n"
        for arguments in [["check", "--jsonl"], ["clean", "--jsonl"], ["report", "--html", "r.html", "--jsonl"]] {
            let result = try CLI.run(arguments + Self.rules + ["-q", "--on-error", "skip", "c.jsonl"], in: scratch.folder)
            #expect(result.status == (arguments[0] == "check" ? 1 : 0), "\(arguments): \(result.stderr)")
            #expect(result.stderr == expected, "\(arguments): \(result.stderr)")
        }
        // A bad record that stops the run is an error, quiet or not.
        let failing = try CLI.run(["clean", "--jsonl", "-q"] + Self.rules + ["c.jsonl"], in: scratch.folder)
        #expect(failing.status == 2)
        #expect(failing.stderr == "c.jsonl:2: error: the line is not a JSON object (stopping; use --on-error skip or keep to go on)\n")
    }

    @Test func checkedRecordsLeaveBadRecordsOut() throws {
        let scratch = try scratch()
        defer { scratch.remove() }
        try scratch.write("ok.jsonl", Array(#"{"id":"r3","text":"Story three.\n"}"#.utf8 + [0x0A]))
        let result = try CLI.run(["check", "--jsonl", "--format", "concise", "--on-error", "skip"] + Self.rules + ["ok.jsonl", "c.jsonl"],
                                 in: scratch.folder)
        #expect(result.status == 1)
        #expect(result.out.hasSuffix("Found 2 violations in 3 records (2 fixable with --fix).\n"), "\(result.out)")
        #expect(result.stderr.hasSuffix("scrapelint: 4 records read, 3 checked, 2 violations, 1 skipped\n"), "\(result.stderr)")
        let kept = try CLI.run(["check", "--jsonl", "--format", "concise", "--on-error", "keep"] + Self.rules + ["ok.jsonl"],
                               in: scratch.folder)
        #expect(kept.out == "No violations in 1 record.\n")
    }

    @Test func anUnwritableStatisticsFileIsAnErrorInEveryMode() throws {
        let scratch = try scratch()
        defer { scratch.remove() }
        try scratch.write("ok.jsonl", Array(#"{"id":"r3","text":"Story three.\n"}"#.utf8 + [0x0A]))
        let runs: [[String]] = [
            ["check", "d"], ["check", "--fix", "d"], ["check", "--diff", "d"], ["clean", "d/a.txt"],
            ["check", "--jsonl", "ok.jsonl"], ["clean", "--jsonl", "ok.jsonl"],
            ["report", "--html", "r.html", "d"],
        ]
        for arguments in runs {
            // The folder the file would go to does not exist: it cannot be written.
            let result = try CLI.run(arguments + Self.rules + ["--statistics-json", "missing/s.json"], in: scratch.folder)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("scrapelint: error: missing/s.json: cannot create a temporary file next to it"), "\(arguments): \(result.stderr)")
            try scratch.write("d/a.txt", Array("Advertisement\nStory.\n".utf8))
        }
    }

    @Test func standardInputIsNamedByItsStdinFilename() throws {
        let scratch = try scratch()
        defer { scratch.remove() }
        let text = Data("Advertisement\nscrapelint: disable-next-line no-such-rule\nStory.\n".utf8)
        let check = try CLI.run(["check", "--format", "concise", "--stdin-filename", "news/x.txt"] + Self.rules, stdin: text, in: scratch.folder)
        #expect(check.stderr.hasPrefix("news/x.txt:2:1: warning: `scrapelint: disable-next-line`: `no-such-rule` is not a rule id"), "\(check.stderr)")
        #expect(check.out.hasPrefix("news/x.txt:1:1: warning: ad line [test-ad]\n"), "\(check.out)")
        // The safety valve's warning (a 60-word text the fixes would empty) names it too, in check --fix and clean.
        let words = Data((["Advertisement"] + Array(repeating: "Advertisement", count: 60)).joined(separator: "\n").utf8)
        for command in [["check", "--fix"], ["clean"]] {
            let result = try CLI.run(command + ["--stdin-filename", "news/y.txt"] + Self.rules, stdin: words, in: scratch.folder)
            #expect(result.stderr.hasPrefix("news/y.txt: warning: not fixed: the fixes would remove"), "\(command): \(result.stderr)")
        }
    }
}
