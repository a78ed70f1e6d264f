import ArgumentParser
import Foundation
import ScrapeLintCore

struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the fixed text to standard output (a filter for pipelines).",
        discussion: """
        Reads one file (or standard input, the default) and writes it with every fixable violation fixed:
        `clean` is the corpus filter, so it applies the unsafe fixes too (`check --fix` applies only the
        safe ones unless given --unsafe-fixes).
        Nothing else goes to standard output; problems go to standard error. Exit status 0, or 2 on error.

        With --jsonl, reads JSON Lines and writes one line per record, in input order, with the text
        field cleaned and every other byte of the record unchanged; records are cleaned on all cores,
        in bounded memory. Counts of records read, written, changed and skipped go to standard error.

        Examples:
          scrapelint clean article.txt > article.clean.txt
          curl -s https://example.com/page.txt | scrapelint clean
          scrapelint clean --jsonl --field text corpus.jsonl > corpus.clean.jsonl
          scrapelint clean --jsonl --report-field removed --drop-empty --on-error keep - < in.jsonl
        """
    )

    @Argument(help: ArgumentHelp("The file to clean; `-` or nothing for standard input. With --jsonl, several files (and `-` once) are read one after the other.", valueName: "path"))
    var paths: [String] = ["-"]

    /// The one input of text mode.
    var path: String { paths[0] }

    @OptionGroup var ruleOptions: RuleOptions

    @OptionGroup var configOptions: ConfigOptions

    @OptionGroup var stdin: StdinOptions

    @OptionGroup var runOptions: RunOptions

    @OptionGroup(title: "Safety valve") var fixOptions: FixOptions

    @OptionGroup(title: "JSON Lines") var corpus: CorpusOptions

    @OptionGroup(title: "Edit log") var editLogOptions: EditLogOptions

    @Option(name: .customLong("report-field"), help: ArgumentHelp("Add the violations found (rule, byte range, text) to each record under this key (with --jsonl).", valueName: "name"))
    var reportField: String?

    @Option(name: [.short, .long], help: ArgumentHelp("Write the cleaned records to this file instead of standard output (with --jsonl); a name ending in .gz or .zst is written compressed.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Compress the records written (with --jsonl): auto (by --output's extension, .gz gzip, .zst zstd; standard output uncompressed), none, gzip or zstd. Compressed inputs are always read transparently.", valueName: "format"))
    var compress: Compression = .auto

    enum Compression: String, ExpressibleByArgument, CaseIterable {
        case auto, none, gzip, zstd
    }

    /// The format records are written in: `--compress`, else `--output`'s extension.
    var outputCompression: CompressingWriter.Format? {
        switch compress {
        case .none: return nil
        case .gzip: return .gzip
        case .zstd: return .zstd
        case .auto: return output.flatMap { CompressingWriter.Format(fileName: $0) }
        }
    }

    @Flag(name: .customLong("drop-empty"), help: "Drop records whose text is empty or only whitespace after cleaning, including those blank to begin with; the end-of-run line counts them (with --jsonl).")
    var dropEmpty = false

    func validate() throws {
        if !corpus.jsonl && (reportField != nil || dropEmpty) {
            throw ValidationError("--report-field and --drop-empty need --jsonl.")
        }
        if !corpus.jsonl && (output != nil || compress != .auto) {
            throw ValidationError("--output and --compress need --jsonl (the cleaned text goes to standard output).")
        }
        if stdin.stdinFilename != nil && (corpus.jsonl || paths != ["-"]) {
            throw ValidationError("--stdin-filename names the text read from standard input; give no path (or `-`), and no --jsonl.")
        }
        if !corpus.jsonl && paths.count > 1 { throw ValidationError("clean takes one file; several inputs need --jsonl.") }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (`-`) can be read only once.") }
    }

    func run() throws {
        defer { Output.flush() }
        let chosen: RuleSet?
        let editLog: EditLogWriter?
        var records: RecordOutput?
        do throws(ScrapeLintError) {
            if reportField != nil && (reportField == corpus.field || reportField == corpus.idField) {
                throw ScrapeLintError.reportFieldClash(field: reportField!, role: reportField == corpus.field ? "--field" : "--id-field")
            }
            chosen = try RunPlan(paths: paths, configOptions: configOptions, ruleOptions: ruleOptions, stdin: stdin).corpusRuleSet(paths)
            let recordsFile = output == "-" ? nil : output
            try OutputTarget.check(OutputTarget.given([("--output", recordsFile)]) + [editLogOptions.target, runOptions.statisticsTarget].compactMap { $0 },
                                   inputs: paths,
                                   standardOutputUser: recordsFile != nil ? nil : corpus.jsonl ? "the cleaned records" : "the cleaned text")
            editLog = try editLogOptions.open()
            if corpus.jsonl { records = try RecordOutput(path: recordsFile, compression: outputCompression) }
        } catch {
            Output.error(error.report)
            throw ExitCode(Status.error)
        }
        guard let ruleSet = chosen else {
            Output.error("scrapelint: error: " + RunPlan.mixedCorpusRules)
            throw ExitCode(Status.error)
        }
        if corpus.jsonl {
            let runner = CorpusRunner(
                ruleSet: ruleSet,
                processor: RecordProcessor(field: corpus.field, idField: corpus.idField, reportField: reportField, dropEmpty: dropEmpty,
                                           ignoreField: corpus.ignoreField),
                policy: corpus.onError, run: runOptions, fixOptions: fixOptions, mode: .clean, editLog: editLog, records: records)
            let status = runner.run(paths: paths)
            Output.flush()
            if status != Status.clean { throw ExitCode(status) }
            return
        }
        // One large text: blocks the run lets go (a fix pass's tables, the prefilter database's file) go back
        // to the system at once instead of staying in the heap (glibc raises its mmap threshold after freeing
        // a large block), so that the peak is about the input and its output (issue 13 item 6).
        #if canImport(Glibc)
        _ = glibcMallopt(glibcMmapThreshold, 128 * 1024)
        #endif
        var bytes: [UInt8]
        // Messages name standard input by its --stdin-filename.
        let name = stdin.displayName(path)
        do { bytes = try FileAccess.read(path) } catch {
            Output.error(error.renamed(path, as: name).report)
            throw ExitCode(Status.error)
        }
        let checker = Checker(ruleSet: ruleSet)
        runOptions.configure(checker)
        // The cleaned text needs no messages (they would be held for every violation of a large file).
        checker.rendersMessages = false
        // One document: the input's violations go once their fixes are applied, and no database is compiled in
        // the background for a next document that never comes (a large file then peaks at about its input
        // and its output, issue 13 item 6).
        checker.avoidBackgroundCompile()
        var fixer = fixOptions.makeFixer(checker)
        fixer.recordsEdits = editLog != nil
        fixer.retainsInitialCheck = false
        let outcome = fixer.fix(bytes)
        var failed = false
        // The log is on disk before the text it undoes is written.
        if let editLog {
            do {
                try editLog.write(file: path, original: bytes, fixed: outcome.bytes, edits: outcome.edits)
                try editLog.close()
            } catch {
                Output.error(error.report)
                Output.error("scrapelint: error: nothing written: the edit log cannot be written")
                throw ExitCode(Status.error)
            }
        }
        if let refusal = outcome.refusal {
            Output.error("\(name): warning: \(refusal.description); the text is written unchanged (use --max-removal or --no-limit)")
        }
        // The input is not needed any more: its memory goes before the output is written (a large file
        // then peaks at its input and its output, issue 13 item 6).
        let inputBytes = bytes.count
        bytes = []
        Output.write(outcome.bytes)
        Output.flush()
        for failure in outcome.failures {
            Output.error("\(name): error: rule `\(failure.ruleID)` was stopped: \(failure.message); its matches were not removed")
            failed = true
        }
        if !outcome.unconverged.isEmpty {
            Output.error("\(name): error: fixes did not converge after \(fixer.maxPasses) passes; rules involved: \(outcome.unconverged.joined(separator: ", ")); the text is written unchanged")
            failed = true
        }
        var statistics = Statistics()
        statistics.add(outcome, inputBytes: inputBytes)
        statistics.addTimings(checker.ruleNanoseconds, ruleSet: ruleSet)
        if let failure = StatisticsOutput.write(statistics, run: runOptions, unit: "files", table: { Output.error($0) }) {
            Output.error(failure.report)
            failed = true
        }
        if failed { throw ExitCode(Status.error) }
    }
}

#if canImport(Glibc)
/// glibc's `mallopt` (declared in `malloc.h`, which the Glibc module does not export) and its
/// `M_MMAP_THRESHOLD` parameter: a fixed threshold also turns off glibc's raising it after large frees.
@_silgen_name("mallopt") private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
private let glibcMmapThreshold: Int32 = -3
#endif
