import Foundation
import Testing
import Yams

/// What users of a command-line tool expect besides the tool: shell completions, the pre-commit hooks,
/// the library example of the README. (`make install` and the man page are checked by
/// scripts/check-install in CI.)
@Suite struct ConventionTests {
    static let subcommands = ["check", "clean", "rules", "test", "config", "report", "compare", "revert"]
    /// Options of docs/workflow.md that the completions (and scripts/check-install's man page check) must know.
    static let workflowOptions = ["extend-select", "extend-ignore", "fail-on", "verbose", "unsafe-fixes", "show-fixes", "ignore-field", "baseline", "write-baseline", "stdin-filename"]

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptNamesEverySubcommand(_ shell: String) throws {
        let result = try CLI.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        for command in Self.subcommands { #expect(result.out.contains(command), "\(shell): \(command)") }
        #expect(result.out.contains("exit-non-zero-on-fix"))
        for option in Self.workflowOptions { #expect(result.out.contains(option), "\(shell): --\(option)") }
    }

    /// The bash script parses and completes subcommands and option values.
    @Test func bashCompletes() throws {
        let script = try CLI.temporaryFolder().appendingPathComponent("scrapelint.bash")
        defer { try? FileManager.default.removeItem(at: script.deletingLastPathComponent()) }
        try CLI.run(["--generate-completion-script", "bash"]).stdout.write(to: script)
        func complete(_ words: [String]) throws -> [String] {
            let program = """
            source "$1"; shift; shopt -s extglob
            COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
            _scrapelint scrapelint "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
            let result = try CLI.runTool(URL(fileURLWithPath: "/bin/bash"), ["-c", program, "_", script.path] + words)
            #expect(result.status == 0, "\(result.stderr)")
            return result.out.split(separator: "\n").map(String.init)
        }
        #expect(try complete(["scrapelint", "con"]) == ["config"])
        #expect(try complete(["scrapelint", "check", "--format", "j"]) == ["json", "jsonl", "junit"])
        #expect(try complete(["scrapelint", "check", "--color", ""]) == ["auto", "always", "never"])
    }

    @Test func preCommitHooksRunTheirEntries() throws {
        let text = try String(contentsOf: CLI.root.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        let hooks = try #require(try Yams.load(yaml: text) as? [[String: Any]])
        #expect(hooks.map { $0["id"] as? String } == ["scrapelint", "scrapelint-fix"])
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("page.txt")
        for hook in hooks {
            for key in ["id", "name", "entry", "language"] { #expect(hook[key] is String, "\(key)") }
            #expect(hook["language"] as? String == "swift")
            let entry = try #require((hook["entry"] as? String)?.split(separator: " ").map(String.init))
            #expect(entry.first == "scrapelint")
            try Data(contentsOf: CLI.root.appendingPathComponent("Fixtures/crlf.txt")).write(to: page)
            let result = try CLI.run(Array(entry.dropFirst()) + ["page.txt"], in: folder)
            let fixes = entry.contains("--fix")
            #expect(result.status == 1, "\(hook["id"] ?? "")")
            if fixes {
                // The hook applies the safe fixes; the caption (an unsafe paragraph deletion) remains, reported.
                #expect(result.out == "page.txt:5:70: warning: photo caption ending in an agency credit: 'REUTERS/Pedro Nunes' [caption-agency-credit]\nFixed 5 violations. Found 1 remaining violation in 1 file (1 fixable with --unsafe-fixes).\n")
                #expect(try CLI.run(["clean", "page.txt"], in: folder).stdout == Data(contentsOf: CLI.root.appendingPathComponent("Fixtures/crlf.clean.txt")))
            } else {
                #expect(try Data(contentsOf: page) == Data(contentsOf: CLI.root.appendingPathComponent("Fixtures/crlf.txt")))
            }
        }
    }

    /// The README's library example is Examples/LibraryExample/main.swift, which builds and runs.
    @Test func readmeLibraryExampleIsTheBuiltExample() throws {
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        let example = try String(contentsOf: CLI.root.appendingPathComponent("Examples/LibraryExample/main.swift"), encoding: .utf8)
        #expect(readme.contains("```swift\n" + example + "```\n"), "README.md must show Examples/LibraryExample/main.swift verbatim")
        let binary = CLI.binary.deletingLastPathComponent().appendingPathComponent("library-example")
        let result = try CLI.runTool(binary, [])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.out == """
        1:1: stamp-date-time-age: page stamp line: 'January 12, 2015 / 12:20 PM / 5 years ago'
        3:1: counter-share-pair: share/comment counter '0 : 0'
        4:1: layout-breakpoint-label: layout label leaked from page markup: 'narrow-browser-and-phone'
        The story.

        """)
    }
}
