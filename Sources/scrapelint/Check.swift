import ArgumentParser
import Foundation
import ScrapeLintCore

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lint files (and fix them with --fix, or preview the fix with --diff).",
        discussion: """
        Reports each violation as `path:line:col: severity: message [rule-id]`, then a summary line.
        Folders are searched recursively for files matching --include (default *.txt), skipping what
        git ignores there (--no-ignore); `-` reads standard input. Each file is checked under the
        nearest .scrapelint.yml to it. Files are processed on all cores; output order does not depend
        on --jobs. Results of unchanged files come from the result cache (--no-cache).

        Examples:
          scrapelint check article.txt
          scrapelint check --select layout,counters scraped/
          scrapelint check --fix scraped/
          scrapelint check --diff article.txt > fix.patch && patch -p1 < fix.patch
          scrapelint check --rules my-site.yml --no-builtin page.txt
          scrapelint check --jsonl --field body --id-field url corpus.jsonl
          scrapelint check --watch --format concise scraped/
        """
    )

    @Argument(help: ArgumentHelp("Files or folders to check; `-` for standard input.", valueName: "path"))
    var paths: [String] = ["."]

    @Flag(help: "Fix what can be fixed, in place (atomic write; standard input is fixed to standard output).")
    var fix = false

    @Flag(help: "Print a unified diff of what --fix would change, and write nothing.")
    var diff = false

    @Flag(help: "Check, then check again whenever a checked file, a file in a checked folder or a configuration file changes (polled every 0.3 s), printing each run's report; Ctrl-C stops (status 130).")
    var watch = false

    @OptionGroup var ruleOptions: RuleOptions

    @OptionGroup var reportOptions: ReportOptions

    @OptionGroup var inputOptions: InputOptions

    @OptionGroup var configOptions: ConfigOptions

    @OptionGroup var stdin: StdinOptions

    @Flag(help: "Check binary files found in folders too (files with a NUL byte near the start are skipped by default; files named on the command line are always checked).")
    var text = false

    @OptionGroup var runOptions: RunOptions

    @OptionGroup(title: "Baseline") var baselineOptions: BaselineOptions

    @OptionGroup(title: "Fix safety (with --fix and --diff)") var fixSafety: FixSafetyOptions

    @OptionGroup(title: "Safety valve (with --fix and --diff)") var fixOptions: FixOptions

    @OptionGroup(title: "JSON Lines") var corpus: CorpusOptions

    @OptionGroup(title: "Edit log (with --fix)") var editLogOptions: EditLogOptions

    @OptionGroup(title: "Result cache") var cacheOptions: CacheOptions

    /// The inputs of file mode: with `--stdin-filename` and no path, standard input.
    var filePaths: [String] { stdin.stdinFilename != nil && paths == ["."] ? ["-"] : paths }

    func validate() throws {
        if fix && diff { throw ValidationError("--fix and --diff cannot be used together.") }
        if corpus.jsonl && (fix || diff) { throw ValidationError("--jsonl checks records; to clean them use `scrapelint clean --jsonl`.") }
        if corpus.jsonl && reportOptions.output != nil { throw ValidationError("--output does not work with --jsonl yet; redirect standard output.") }
        if stdin.stdinFilename != nil && corpus.jsonl { throw ValidationError("--stdin-filename names a text file; it does not work with --jsonl.") }
        if stdin.stdinFilename != nil && !filePaths.contains("-") { throw ValidationError("--stdin-filename needs `-` (standard input) among the inputs.") }
        if corpus.jsonl && paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (`-`) can be read only once.") }
        if baselineOptions.isActive && diff { throw ValidationError("--baseline and --write-baseline work with check and check --fix, not --diff.") }
        if fixSafety.unsafeFixes && !(fix || diff) { throw ValidationError("--unsafe-fixes needs --fix or --diff.") }
        if fixSafety.showFixes && !fix { throw ValidationError("--show-fixes needs --fix.") }
        if editLogOptions.editLog != nil && !fix { throw ValidationError("--edit-log needs --fix (or `scrapelint clean`).") }
        if watch && (corpus.jsonl || diff || filePaths.contains("-")) { throw ValidationError("--watch checks files and folders; it does not work with --jsonl, --diff or standard input.") }
        if watch && (reportOptions.output != nil || editLogOptions.editLog != nil || baselineOptions.isActive || runOptions.statisticsJSON != nil) {
            throw ValidationError("--watch prints each run's report; it does not write --output, --edit-log, --statistics-json or baselines.")
        }
        if cacheOptions.cacheDir != nil && corpus.jsonl { throw ValidationError("--cache-dir works with files; --jsonl records are not cached.") }
    }

    func run() throws {
        guard watch else {
            var targets: Watcher?
            return try runOnce(watching: &targets)
        }
        Interruption.catchSignals()
        while true {
            var targets: Watcher?
            do { try runOnce(watching: &targets) } catch let code as ExitCode {
                // Each run's status is in its report; the watch goes on, unless the run could not start
                // (a configuration or rule file that does not load): then its status ends the watch.
                if targets == nil && !Interruption.requested { throw code }
            }
            Output.flush()
            guard let watcher = targets, !Interruption.requested else { break }
            let before = watcher.snapshot()
            if !runOptions.quiet { Output.error("scrapelint: watching for changes (Ctrl-C to stop)") }
            guard watcher.waitForChange(from: before) else { break }
            if !runOptions.quiet { Output.error("scrapelint: change detected; checking again") }
        }
        throw ExitCode(Interruption.exitStatus ?? 130)
    }

    /// One run; with `--watch`, `targets` is set to what the run depended on.
    private func runOnce(watching targets: inout Watcher?) throws {
        defer { Output.flush() }
        if fix { Interruption.catchSignals() }
        let corpusPaths = paths == ["."] ? ["-"] : paths
        let plan: RunPlan
        let sink: ReportSink
        let editLog: EditLogWriter?
        let baseline: BaselineSession?
        var cache: ResultCache?
        // What standard output carries besides the report, which then goes to standard error.
        var standardOutputUser: String?
        do {
            plan = try RunPlan(paths: corpus.jsonl ? corpusPaths : filePaths, configOptions: configOptions, ruleOptions: ruleOptions,
                               reportOptions: reportOptions, inputOptions: inputOptions, text: text, stdin: stdin)
            if fix && plan.walk.inputs.contains("-") { standardOutputUser = "the fixed text of standard input" }
            if diff { standardOutputUser = "the diff (--diff)" }
            if corpus.jsonl { standardOutputUser = "the report of --jsonl" }
            let reportFile = reportOptions.output == "-" ? nil : reportOptions.output
            try OutputTarget.check(OutputTarget.given([("--output", reportFile)])
                                       + [editLogOptions.target, runOptions.statisticsTarget, baselineOptions.target].compactMap { $0 },
                                   inputs: plan.walk.inputs, standardOutputUser: standardOutputUser)
            sink = try ReportSink(path: reportOptions.output)
            editLog = try editLogOptions.open()
            baseline = try baselineOptions.open()
            // Statistics and timings measure the run: every file is checked for them.
            if !corpus.jsonl && !runOptions.wantsStatistics && !runOptions.timings {
                cache = try cacheOptions.open(config: plan.config, options: runOptions.searchDescription)
            }
        } catch {
            Output.error(error.report)
            throw ExitCode(Status.error)
        }
        if watch {
            targets = Watcher(paths: filePaths, walker: plan.walker,
                              files: ([plan.config?.path] + plan.configurationUses.map(\.path)).compactMap { $0 })
        }
        let format = plan.settings.format.value
        if corpus.jsonl {
            guard let corpusRules = plan.corpusRuleSet(corpusPaths) else {
                Output.error("scrapelint: error: " + RunPlan.mixedCorpusRules)
                throw ExitCode(Status.error)
            }
            let runner = CorpusRunner(
                ruleSet: corpusRules,
                processor: RecordProcessor(field: corpus.field, idField: corpus.idField, ignoreField: corpus.ignoreField),
                policy: corpus.onError, run: runOptions, fixOptions: fixOptions, mode: .check(format),
                failOn: reportOptions.failOn ?? .info, configuration: plan.summaryConfigurations.one,
                baseline: baseline)
            var status = runner.run(paths: corpusPaths)
            do { try baseline?.finish() } catch {
                Output.error(error.report)
                status = Status.error
            }
            Output.flush()
            if status == Status.error || (status == Status.violations && !reportOptions.exitZero) { throw ExitCode(status) }
            return
        }
        let walk = plan.walk
        var errors = walk.problems.count
        for problem in walk.problems { Output.error(problem.report) }
        if !runOptions.quiet { for note in walk.notes { Output.error(note) } }

        var reporter = format.makeReporter(ruleSet: plan.ruleSets.catalog, color: reportOptions.useColor())
        var summary = RunSummary()
        (summary.configuration, summary.configurations) = plan.summaryConfigurations
        summary.quiet = runOptions.quiet
        summary.errorMessages = walk.problems.map(\.report)
        var diffChanged = false
        // A document the safety valve kept: no diff, but what the fixes were for remains.
        var diffRefused = false
        var failing = 0
        // Reports go to standard error when standard output carries something else (fixed text, a diff,
        // an output given as `-`).
        let reportToStandardError = standardOutputUser != nil
            || [editLogOptions.target, runOptions.statisticsTarget, baselineOptions.target].contains { $0?.isStandardOutput == true }
        let mode: FileRunner.Mode = fix ? .fix : diff ? .diff : .check
        var fixedFiles: [(path: String, counts: [String: Int])] = []
        var runner = FileRunner(ruleSets: plan.ruleSets, mode: mode, run: runOptions, fixOptions: fixOptions, editLog: editLog,
                                appliesUnsafeFixes: fixSafety.unsafeFixes, cache: cache)
        runner.displayName = stdin.displayName
        let statistics = runner.process(walk.inputs) { result in
            for warning in cache?.takeWarnings() ?? [] { Output.error(warning) }
            for message in result.errors + result.warnings { Output.error(message) }
            errors += result.errors.count
            summary.errorMessages += result.errors
            guard let document = result.document else { return }
            summary.files += 1
            summary.fixed += result.fixed
            let shownPath = stdin.displayName(result.path)
            if fixSafety.showFixes { fixedFiles.append((shownPath, result.fixedCounts)) }
            if let text = result.stdoutText { Output.write(text) }
            if mode == .diff {
                if !result.diff.isEmpty { diffChanged = true }
                if result.refused { diffRefused = true }
                Output.write(result.diff)
                return
            }
            let violations = baseline?.filter(result.violations, bytes: document.bytes, file: shownPath, record: nil) ?? result.violations
            summary.add(violations, unsafeFixes: fixSafety.unsafeFixes)
            failing += reportOptions.failing(violations)
            guard !runOptions.statistics else { return }
            sink.write(reporter.report(FileReport(path: shownPath, document: document, violations: violations)),
                       toStandardError: reportToStandardError)
            // JSON Lines records are complete one by one: a reader sees each file's as soon as it is done.
            if format == .jsonl { sink.flush() }
        }
        // A run that wrote entries keeps the cache bounded (at most once a day; never a warm run).
        cache?.pruneIfDue()
        for warning in cache?.takeWarnings() ?? [] { Output.error(warning) }
        summary.baselined = baseline?.hidden ?? 0
        do { try baseline?.finish() } catch {
            Output.error(error.report)
            errors += 1
        }
        summary.errors = errors
        if fixSafety.showFixes {
            // Beside a text report; machine-readable reports keep their output to themselves.
            let listing = FixSafetyOptions.listing(fixedFiles)
            if format == .text || format == .concise {
                sink.write(listing, toStandardError: reportToStandardError)
            } else {
                Output.error(listing)
            }
        }
        if mode == .diff {
            if !diffChanged && !runOptions.quiet { Output.error("No fixes to apply.") }
        } else if !runOptions.statistics {
            sink.write(reporter.finish(summary), toStandardError: reportToStandardError)
        }
        var failures: [ScrapeLintError] = []
        if let failure = StatisticsOutput.write(statistics, run: runOptions, unit: "files", table: { table in
            sink.write(table, toStandardError: reportToStandardError || mode == .diff)
        }) {
            failures.append(failure)
        }
        if let failure = sink.close() { failures.append(failure) }
        if let editLog {
            do { try editLog.close() } catch { failures.append(error) }
        }
        for failure in failures { Output.error(failure.report) }
        errors += failures.count
        Output.flush()
        if let status = Interruption.exitStatus {
            if fix { Output.error("scrapelint: interrupted; files not yet fixed are left as they were") }
            throw ExitCode(status)
        }
        let status = reportOptions.exitStatus(violations: failing, fixed: summary.fixed, errors: errors,
                                              diffChanged: mode == .diff ? diffChanged || diffRefused : nil)
        if status != Status.clean { throw ExitCode(status) }
    }
}
