import ArgumentParser
import ScrapeLintCore

@main
struct ScrapeLint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scrapelint",
        abstract: "Find and remove the debris scrapers leave in article text.",
        discussion: """
        scrapelint lints scraped news and article text with declarative YAML rules (PCRE2 patterns) and \
        fixes what they find: layout labels, share counters, photo credits, page stamps, editorial footers.

        Exit status: 0 no violations, 1 violations found (or a non-empty --diff), 2 an error \
        (bad rule file, unreadable input, runaway pattern).

        Examples:
          scrapelint check article.txt
          scrapelint check --fix corpus/
          scrapelint check --diff article.txt | patch -p1
          cat page.txt | scrapelint clean > page.clean.txt
          scrapelint rules --explain layout-breakpoint-label
        """,
        version: scrapelintVersion,
        subcommands: [Check.self, Clean.self, Rules.self, TestRules.self, ConfigCommand.self, Suggest.self, Revert.self, Report.self, Compare.self],
        defaultSubcommand: Check.self
    )
}

let scrapelintVersion = ScrapeLintVersion.current

extension ScrapeLint {
    /// Runs the command, mapping usage errors to exit status 2 (as ruff does) instead of
    /// ArgumentParser's 64, so that scripts see 0 clean, 1 violations, 2 any error.
    static func main() {
        let commands = configuration.subcommands.map { $0._commandName } + ["help"]
        if let problem = CommandTypo.problem(Array(CommandLine.arguments.dropFirst()), commands: commands) {
            Output.error("scrapelint: error: " + problem)
            Output.flush()
            exit(withError: ExitCode(Status.error))
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let unwrapped = exitCode(for: error) == .success ? fullMessage(for: error, columns: 1_000_000) : ""
            if unwrapped.hasPrefix("OVERVIEW:") || unwrapped.hasPrefix("USAGE:") {
                // A help screen (not --version, not a completion script): wrapped here, so that examples are never split.
                Output.write(HelpText.wrap(unwrapped, width: HelpText.terminalWidth()) + "\n")
                Output.flush()
                exit(withError: ExitCode.success)
            }
            if exitCode(for: error) == .validationFailure {
                Output.error(fullMessage(for: error))
                Output.flush()
                exit(withError: ExitCode(Status.error))
            }
            exit(withError: error)
        }
    }
}
