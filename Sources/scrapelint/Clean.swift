import ArgumentParser
import ScrapeLintCore

struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the fixed text to standard output (a filter for pipelines).",
        discussion: """
        Reads one file (or standard input, the default) and writes it with every fixable violation fixed.
        Nothing else goes to standard output; problems go to standard error. Exit status 0, or 2 on error.

        Examples:
          scrapelint clean article.txt > article.clean.txt
          curl -s https://example.com/page.txt | scrapelint clean
        """
    )

    @Argument(help: ArgumentHelp("The file to clean; `-` or nothing for standard input.", valueName: "path"))
    var path: String = "-"

    @OptionGroup var ruleOptions: RuleOptions

    @OptionGroup var configOptions: ConfigOptions

    func run() throws {
        defer { Output.flush() }
        let ruleSet: RuleSet
        do { ruleSet = try RunPlan.ruleSet(for: path, configOptions: configOptions, ruleOptions: ruleOptions) } catch {
            Output.error(error.report)
            throw ExitCode(Status.error)
        }
        let bytes: [UInt8]
        do { bytes = try FileAccess.read(path) } catch {
            Output.error(error.report)
            throw ExitCode(Status.error)
        }
        let fixer = Fixer(checker: Checker(ruleSet: ruleSet))
        let outcome = fixer.fix(bytes)
        Output.write(outcome.bytes)
        Output.flush()
        var failed = false
        for failure in outcome.failures {
            Output.error("\(path): error: rule `\(failure.ruleID)` was stopped: \(failure.message); its matches were not removed")
            failed = true
        }
        if !outcome.unconverged.isEmpty {
            Output.error("\(path): error: fixes did not converge after \(fixer.maxPasses) passes; rules involved: \(outcome.unconverged.joined(separator: ", "))")
            failed = true
        }
        if failed { throw ExitCode(Status.error) }
    }
}
