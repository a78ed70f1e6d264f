import Foundation
import Testing

/// Help that copies: wrapped at the terminal's width without splitting an example, and a mistyped command is
/// an error with a suggestion rather than a check of a file of that name.
@Suite struct HelpTests {
    static let commands = ["", "check", "clean", "rules", "test", "config", "suggest", "revert", "report", "compare"]

    func help(_ command: String, columns: Int) throws -> String {
        let result = try CLI.run((command.isEmpty ? [] : [command]) + ["--help"], environment: ["COLUMNS": String(columns)])
        #expect(result.status == 0, "\(command): \(result.stderr)")
        return result.out
    }

    @Test(arguments: commands)
    func examplesStayWholeAndTheRestWraps(_ command: String) throws {
        let wide = try help(command, columns: 1000)
        let narrow = try help(command, columns: 60)
        // The same words in the same order: wrapping only moves line breaks.
        #expect(wide.split(whereSeparator: \.isWhitespace) == narrow.split(whereSeparator: \.isWhitespace), "\(command)")
        let examples = wide.components(separatedBy: "Examples:\n").dropFirst().first?
            .components(separatedBy: "\n\n").first?.split(separator: "\n") ?? []
        #expect(!examples.isEmpty, "\(command) has examples")
        let lines = narrow.split(separator: "\n", omittingEmptySubsequences: false)
        for example in examples { #expect(lines.contains(example), "\(command): \(example)") }
        for line in lines where line.count > 60 {
            let isWhole = examples.contains(line) || line.hasPrefix("USAGE: ") || line.hasPrefix("  scrapelint ")
                || !line.trimmingCharacters(in: .whitespaces).contains(" ")
            #expect(isWhole, "\(command): a line wider than 60 columns: \(line)")
        }
    }

    /// The example: `--seed 7` was split from its command at 60 columns.
    @Test func reportExampleKeepsItsSeed() throws {
        let narrow = try help("report", columns: 60)
        #expect(narrow.contains("  scrapelint report --html review.html --jsonl corpus.jsonl --sample 50 --seed 7\n"))
        let option = narrow.components(separatedBy: "\n").drop { !$0.hasPrefix("  --ignore-field <name>") }.prefix(2)
        #expect(option.last?.hasPrefix(String(repeating: " ", count: 26)) == true, "continuation lines align with the help column")
    }

    @Test func mistypedCommandIsAnErrorWithASuggestion() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("Advertisement\nStory.\n".utf8).write(to: folder.appendingPathComponent("a.txt"))
        let typo = try CLI.run(["chek", "a.txt"], in: folder)
        #expect(typo.status == 2)
        #expect(typo.out.isEmpty)
        #expect(typo.stderr == "scrapelint: error: unknown command `chek`; did you mean `check`? To check a file of that name, use `scrapelint check ./chek`.\n")
        let unknown = try CLI.run(["frobnicate"], in: folder)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("scrapelint: error: unknown command `frobnicate` (and no file or folder of that name); the commands are check, clean,"))
        // A file that is there is checked, as the default command does.
        try Data("Advertisement\nStory.\n".utf8).write(to: folder.appendingPathComponent("chek"))
        let file = try CLI.run(["chek", "--format", "concise"], in: folder)
        #expect(file.status == 1)
        #expect(file.out.hasPrefix("chek:1:1: warning: advertisement label"))
        #expect(try CLI.run(["a.txt"], in: folder).status == 1)
    }
}
