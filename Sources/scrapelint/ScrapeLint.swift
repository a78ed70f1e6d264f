import ArgumentParser
import Foundation
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
    /// ArgumentParser's 64, so that scripts see 0 clean, 1 violations, 2 any error. Standard output is
    /// flushed and closed at the end, checked: a result that did not reach it is an error (status 2).
    static func main() {
        let commands = configuration.subcommands.map { $0._commandName } + ["help"]
        if let problem = CommandTypo.problem(Array(CommandLine.arguments.dropFirst()), commands: commands) {
            Output.error("scrapelint: error: " + problem)
            Glibc.exit(Status.error)
        }
        // Past a file size limit (`ulimit -f`), a write must fail with EFBIG and be reported, not kill us.
        signal(SIGXFSZ, SIG_IGN)
        // A reader that closes the pipe early (`| head`): the write fails with EPIPE and the run stops in
        // order, with status 2 and the count of records really written, instead of dying of SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        var failure: Error?
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            failure = error
        }
        // Help, version and completion scripts (a clean exit that is not ours) are results too: they go
        // through the checked standard output.
        if let failure, !(failure is ExitCode), exitCode(for: failure) == .success {
            let unwrapped = fullMessage(for: failure, columns: 1_000_000)
            if unwrapped.hasPrefix("OVERVIEW:") || unwrapped.hasPrefix("USAGE:") {
                // A help screen (not --version, not a completion script): wrapped here, so that examples are never split.
                Output.write(HelpText.wrap(unwrapped, width: HelpText.terminalWidth()) + "\n")
            } else {
                // As ArgumentParser prints them.
                let message = fullMessage(for: failure)
                if !message.isEmpty { Output.write(message + "\n") }
            }
        }
        let finished = failure == nil || failure is ExitCode || exitCode(for: failure!) == .success
        if let writeFailure = Output.finish(closing: finished) {
            Output.error(writeFailure.report)
            Glibc.exit(Status.error)
        }
        guard let failure else { Glibc.exit(Status.clean) }
        if finished && !(failure is ExitCode) { Glibc.exit(Status.clean) }
        if exitCode(for: failure) == .validationFailure {
            Output.error(fullMessage(for: failure))
            exit(withError: ExitCode(Status.error))
        }
        exit(withError: failure)
    }
}
