import ArgumentParser
import Foundation
import ScrapeLintCore

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lint files (and fix them with --fix, or preview the fix with --diff).",
        discussion: """
        Reports each violation as `path:line:col: severity: message [rule-id]`, then a summary line.
        Folders are searched recursively for files matching --include (default *.txt); `-` reads
        standard input. Files are processed on all cores; output order does not depend on --jobs.

        Examples:
          scrapelint check article.txt
          scrapelint check --select layout,counters scraped/
          scrapelint check --fix scraped/
          scrapelint check --diff article.txt > fix.patch && patch -p1 < fix.patch
          scrapelint check --rules my-site.yml --no-builtin page.txt
          scrapelint check --jsonl --field body --id-field url corpus.jsonl
        """
    )

    @Argument(help: ArgumentHelp("Files or folders to check; `-` for standard input.", valueName: "path"))
    var paths: [String] = ["."]

    @Flag(help: "Fix what can be fixed, in place (atomic write; standard input is fixed to standard output).")
    var fix = false

    @Flag(help: "Print a unified diff of what --fix would change, and write nothing.")
    var diff = false

    @OptionGroup var ruleOptions: RuleOptions

    @Option(help: ArgumentHelp("Report format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "format"))
    var format: ReportFormat = .text

    @Option(help: ArgumentHelp("Glob of file names to check in folders (repeatable).", valueName: "glob"))
    var include: [String] = ["*.txt"]

    @Option(help: ArgumentHelp("Glob of file or folder names to skip in folders (repeatable).", valueName: "glob"))
    var exclude: [String] = []

    @Flag(help: "Check binary files found in folders too (files with a NUL byte near the start are skipped by default; files named on the command line are always checked).")
    var text = false

    @OptionGroup var runOptions: RunOptions

    @OptionGroup(title: "JSON Lines") var corpus: CorpusOptions

    func validate() throws {
        if fix && diff { throw ValidationError("--fix and --diff cannot be used together.") }
        if corpus.jsonl && (fix || diff) { throw ValidationError("--jsonl checks records; to clean them use `scrapelint clean --jsonl`.") }
        if corpus.jsonl && paths.count > 1 { throw ValidationError("--jsonl takes one input (a file or `-`).") }
    }

    func run() throws {
        defer { Output.flush() }
        let ruleSet: RuleSet
        do { ruleSet = try ruleOptions.loadRuleSet() } catch {
            Output.error(error.report)
            throw ExitCode(Status.error)
        }
        if corpus.jsonl {
            let runner = CorpusRunner(
                ruleSet: ruleSet,
                processor: RecordProcessor(field: corpus.field, idField: corpus.idField),
                policy: corpus.onError, run: runOptions, mode: .check(format))
            let status = runner.run(path: paths == ["."] ? "-" : paths[0])
            Output.flush()
            if status != Status.clean { throw ExitCode(status) }
            return
        }
        let walk = InputWalker(include: include, exclude: exclude, text: text).walk(paths)
        var errors = walk.problems.count
        for problem in walk.problems { Output.error(problem.report) }
        if !runOptions.quiet { for note in walk.notes { Output.error(note) } }

        var reporter = format.makeReporter(ruleSet: ruleSet)
        var summary = RunSummary()
        var diffChanged = false
        // Reports of standard input fixed to standard output go to standard error, keeping stdout for the text.
        let reportToStandardError = fix && walk.inputs.contains("-")
        let mode: FileRunner.Mode = fix ? .fix : diff ? .diff : .check
        let statistics = FileRunner(ruleSet: ruleSet, mode: mode, run: runOptions).process(walk.inputs) { result in
            for message in result.errors { Output.error(message) }
            errors += result.errors.count
            guard let document = result.document else { return }
            summary.files += 1
            summary.fixed += result.fixed
            if let text = result.stdoutText { Output.write(text) }
            if mode == .diff {
                if !result.diff.isEmpty { diffChanged = true }
                Output.write(result.diff)
                return
            }
            summary.violations += result.violations.count
            summary.fixable += result.violations.filter { $0.fix != nil }.count
            guard !runOptions.statistics else { return }
            let text = reporter.report(FileReport(path: result.path, document: document, violations: result.violations))
            if reportToStandardError { if !text.isEmpty { Output.error(text) } } else { Output.write(text) }
        }
        summary.errors = errors
        if mode == .diff {
            if !diffChanged && !runOptions.quiet { Output.error("No fixes to apply.") }
        } else if !runOptions.statistics {
            let text = reporter.finish(summary)
            if reportToStandardError { Output.error(text) } else { Output.write(text) }
        }
        if runOptions.statistics {
            let table = statistics.table(unit: "files")
            if reportToStandardError || mode == .diff { Output.error(table) } else { Output.write(table) }
        }
        if let file = runOptions.statisticsJSON {
            do { try Data(statistics.json().utf8).write(to: URL(fileURLWithPath: file)) } catch {
                Output.error("scrapelint: error: cannot write \(file): \(error.localizedDescription)")
                errors += 1
            }
        }
        if runOptions.timings { Output.error(statistics.timingsTable()) }
        Output.flush()
        if errors > 0 { throw ExitCode(Status.error) }
        if mode == .diff { if diffChanged { throw ExitCode(Status.violations) } else { return } }
        if summary.violations > 0 { throw ExitCode(Status.violations) }
    }
}

extension ReportFormat: ExpressibleByArgument {}
