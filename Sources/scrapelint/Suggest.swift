import ArgumentParser
import Foundation
import ScrapeLintCore

struct Suggest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Propose rules for a corpus's own repeated boilerplate lines.",
        discussion: """
        Reads a corpus twice. First it counts the lines that repeat across documents (after the loaded \
        rules have cleaned them, so what those rules remove is skipped), by shape: whitespace collapsed, \
        digits, month and weekday names made slots, so "3 Comments" and "12 Comments" count as one. A \
        shape found in enough documents of its group becomes a rule: an anchored, escaped pattern, \
        generalised only where the corpus varies, `fix: delete-line`, and examples from the corpus. Long \
        lines, lines that read like sentences, and lines without letters are never proposed. Then every \
        line of the corpus is checked against the proposals: one that matches any line that is not \
        repeated boilerplate of its group is dropped, and the rest are ranked by the text they remove.

        The rules go to --output; the report (text or JSON) to standard output. Review the file, then \
        `scrapelint test` it and use it with --rules. Exit status 0, or 2 on error.

        Examples:
          scrapelint suggest --jsonl corpus.jsonl --group-by site -o site-rules.yml
          scrapelint suggest scraped/ --group-by folder --min-docs 10 --output rules.yml
        """
    )

    @Argument(help: ArgumentHelp("Files or folders of text files, or with --jsonl one JSON Lines file.", valueName: "path"))
    var paths: [String] = []

    @Option(name: [.short, .long], help: ArgumentHelp("The rule file to write (`-`: standard output; the report then goes to standard error).", valueName: "file"))
    var output: String

    @Option(name: .customLong("group-by"), help: ArgumentHelp("Find each group's own boilerplate: the record field naming it (with --jsonl, e.g. site or domain), or `folder` for files.", valueName: "field"))
    var groupBy: String?

    @Option(help: ArgumentHelp("Report format: text or json.", valueName: "format"))
    var format: ReportStyle = .text

    @Option(name: .customLong("min-docs"), help: ArgumentHelp("A line must appear in at least this many documents of its group.", valueName: "n"))
    var minDocs = SuggestOptions().minDocuments

    @Option(name: .customLong("min-share"), help: ArgumentHelp("...and in at least this share of them (a percentage such as 5%).", valueName: "percent"))
    var minShare = "\(Int(SuggestOptions().minShare * 100))%"

    @Option(name: .customLong("max-length"), help: ArgumentHelp("Longer lines (in characters) are never proposed.", valueName: "n"))
    var maxLength = SuggestOptions().maxLength

    @Option(name: .customLong("max-words"), help: ArgumentHelp("Lines of more words are never proposed.", valueName: "n"))
    var maxWords = SuggestOptions().maxWords

    @OptionGroup var ruleOptions: RuleOptions

    @OptionGroup var configOptions: ConfigOptions

    @Option(help: ArgumentHelp("Glob of file names to read in folders (repeatable).", valueName: "glob"))
    var include: [String] = ["*.txt"]

    @Option(help: ArgumentHelp("Glob of file or folder names to skip in folders (repeatable).", valueName: "glob"))
    var exclude: [String] = []

    @OptionGroup(title: "JSON Lines") var corpus: CorpusOptions

    @Option(name: [.short, .long], help: ArgumentHelp("Worker threads (default: all cores).", valueName: "n"))
    var jobs: Int?

    @Flag(name: [.short, .long], help: "No progress bar and no end-of-run line on standard error.")
    var quiet = false

    enum ReportStyle: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func validate() throws {
        try corpus.refuseIgnoreField("suggest")
        if paths.isEmpty { throw ValidationError("Give the files or folders to read, or --jsonl and a JSON Lines file.") }
        if paths.contains("-") { throw ValidationError("suggest reads its input twice, so it cannot read standard input; save it to a file.") }
        if corpus.jsonl && paths.count > 1 { throw ValidationError("--jsonl takes one input file.") }
        if !corpus.jsonl, let groupBy, groupBy != "folder" {
            throw ValidationError("Without --jsonl, --group-by takes only `folder` (each file's folder is its group).")
        }
        if minDocs < 2 { throw ValidationError("--min-docs must be 2 or more.") }
        if maxLength < 1 || maxWords < 1 { throw ValidationError("--max-length and --max-words must be 1 or more.") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more.") }
        if parsedShare == nil { throw ValidationError("--min-share takes a percentage from 0 to 100, such as 5%.") }
    }

    private var parsedShare: Double? {
        let text = minShare.hasSuffix("%") ? String(minShare.dropLast()) : minShare
        guard let value = Double(text), value >= 0, value <= 100 else { return nil }
        return value / 100
    }

    func run() throws {
        defer { Output.flush() }
        var options = SuggestOptions()
        options.minDocuments = minDocs
        options.minShare = parsedShare ?? options.minShare
        options.maxLength = maxLength
        options.maxWords = maxWords
        let cleaning: RuleSet
        let reserved: Set<String>
        do {
            cleaning = try RunPlan.ruleSet(for: nil, configOptions: configOptions, ruleOptions: ruleOptions)
            // `scrapelint test` loads the built-in packs beside a rule file, so their ids stay reserved too.
            reserved = Set(cleaning.rules.map(\.id) + (try RuleSources.builtinRules()).map(\.id))
        } catch {
            Output.error(error.report)
            throw ExitCode(Status.error)
        }
        let inputs = corpus.jsonl ? paths : InputWalker(include: include, exclude: exclude).walk(paths).inputs
        do { try OutputTarget.check([OutputTarget("--output", output)], inputs: inputs, standardOutputUser: nil) } catch {
            Output.error(error.report)
            throw ExitCode(Status.error)
        }
        let reader = CorpusReader(paths: paths, jsonl: corpus.jsonl, field: corpus.field, groupBy: groupBy,
                                  policy: corpus.onError, walker: InputWalker(include: include, exclude: exclude), quiet: quiet)
        let workers = jobs ?? WorkerPool<Int>.availableCores

        var table = ShapeTable(options: options)
        let pool = WorkerPool(jobs: workers) { Fixer(checker: Checker(ruleSet: cleaning)) }
        var errors = reader.forEachDocument(pool: pool, pass: "reading") { cleaner, text, group in
            DocumentObservation(Document(cleaner.fix(text).bytes), group: group, textBytes: text.count, options: options)
        } collect: { table.add($0) }

        let proposals = ProposalBuilder(table: table, grouped: groupBy != nil, reservedIDs: reserved).build()
        var measure = ProposalMeasure(proposals: proposals, table: table)
        if !proposals.isEmpty && errors == 0 {
            let proposalSet: RuleSet
            do { proposalSet = try measure.ruleSet() } catch {
                Output.error("scrapelint: internal error: a proposed rule does not compile: \(error.report)")
                throw ExitCode(Status.error)
            }
            let checkers = WorkerPool(jobs: workers) { (Fixer(checker: Checker(ruleSet: cleaning)), Checker(ruleSet: proposalSet)) }
            errors += reader.forEachDocument(pool: checkers, pass: "checking") { worker, text, group in
                ProposalMeasure.DocumentHits(Document(worker.0.fix(text).bytes), group: group, checker: worker.1, table: table)
            } collect: { measure.add($0) }
        }
        if errors > 0 {
            Output.error("scrapelint: no rule file written: the corpus could not be read whole")
            throw ExitCode(Status.error)
        }
        let result = measure.result()
        let yaml = result.ruleFile()
        // The file must load strictly, as any rule file: anything else is a defect of the writer.
        let reloaded = RuleLoader.parse(yaml, path: output)
        guard reloaded.diagnostics.isEmpty else {
            Output.error("scrapelint: internal error: the proposed rule file does not load:\n" + ScrapeLintError.invalidRules(reloaded.diagnostics).report)
            throw ExitCode(Status.error)
        }
        guard reloaded.rules.map(\.pattern) == result.proposals.map(\.rule.pattern),
              reloaded.rules.map(\.examples) == result.proposals.map(\.rule.examples) else {
            Output.error("scrapelint: internal error: the proposed rule file does not read back as written")
            throw ExitCode(Status.error)
        }
        let target = OutputTarget("--output", output)
        do { try target.write(Array(yaml.utf8)) } catch {
            Output.error(error.report)
            throw ExitCode(Status.error)
        }
        let report = format == .json ? result.jsonReport() : result.textReport()
        if target.isStandardOutput { Output.error(report) } else { Output.write(report) }
        if !quiet {
            Output.error("scrapelint: \(result.documents) documents read, \(result.proposals.count) rule\(result.proposals.count == 1 ? "" : "s") written to \(output == "-" ? "standard output" : output)"
                         + (result.dropped.isEmpty ? "" : ", \(result.dropped.count) dropped"))
        }
    }
}

/// Streams the documents of a corpus (JSON Lines records or text files) in batches through a worker
/// pool, with each document's group, and hands the results back in input order. Used by both passes
/// of `suggest`, which see the same documents in the same order.
struct CorpusReader {
    let paths: [String]
    let jsonl: Bool
    let field: String
    let groupBy: String?
    let policy: CorpusOptions.ErrorPolicy
    let walker: InputWalker
    let quiet: Bool
    /// The field naming records (with `jsonl`); records without it are named `PATH:LINE`.
    var idField: String? = nil

    /// A document as read on a worker: its text and group, or why it cannot be used.
    private enum Read {
        case document([UInt8], group: String, id: String? = nil)
        case failed(String)
    }

    /// A document with its name: the file's path, or the record's id (else `PATH:LINE`).
    struct Item {
        let name: String
        let text: [UInt8]
        let group: String
    }

    /// Runs `work` on every document on the pool's workers and `collect` on the results in input order;
    /// returns the number of errors reported (reading stops at the first bad record under `--on-error fail`).
    func forEachDocument<State, Result>(
        pool: WorkerPool<State>, pass: String,
        work: (inout State, [UInt8], String) -> Result, collect: (Result) -> Void
    ) -> Int {
        forEachItem(pool: pool, pass: pass, work: { state, item in work(&state, item.text, item.group) }, collect: collect)
    }

    /// ``forEachDocument(pool:pass:work:collect:)`` with each document's name.
    func forEachItem<State, Result>(
        pool: WorkerPool<State>, pass: String,
        work: (inout State, Item) -> Result, collect: (Result) -> Void
    ) -> Int {
        let progress = Progress(quiet: quiet, unit: "documents (\(pass))")
        defer { progress.finish() }
        var errors = 0
        /// Handles one batch; false when the run must stop.
        func handle(_ results: [(name: String, read: Read, output: Result?)]) -> Bool {
            var bytes = 0
            for result in results {
                switch result.read {
                case .document(let text, _, _):
                    bytes += text.count
                    collect(result.output!)
                case .failed(let message):
                    if !jsonl || policy == .fail {
                        Output.error("\(result.name): error: \(message)" + (jsonl ? " (stopping; use --on-error skip to go on)" : ""))
                        errors += 1
                        if jsonl { return false }
                    } else if pass == "reading" {
                        Output.error("\(result.name): warning: \(message); record skipped")
                    }
                }
            }
            progress.advance(items: results.count, bytes: bytes)
            return true
        }
        func process(_ state: inout State, _ name: String, _ read: Read) -> (name: String, read: Read, output: Result?) {
            guard case .document(let text, let group, let id) = read else { return (name, read, nil) }
            return (name, read, work(&state, Item(name: id ?? name, text: text, group: group)))
        }

        if jsonl {
            var reader: LineReader
            do { reader = try LineReader(path: paths[0]) } catch {
                Output.error(error.report)
                return 1
            }
            defer { reader.close() }
            do {
                while let batch = try reader.nextBatch() {
                    let results = pool.map(batch) { state, line in
                        process(&state, "\(paths[0]):\(line.number)", record(line.content))
                    }
                    if !handle(results) { break }
                }
            } catch {
                Output.error(error.report)
                return errors + 1
            }
            return errors
        }
        let walk = walker.walk(paths)
        for problem in walk.problems { Output.error(problem.report) }
        errors += walk.problems.count
        let batchSize = max(16, pool.jobs * 16)
        var start = 0
        while start < walk.inputs.count {
            let batch = Array(walk.inputs[start..<min(start + batchSize, walk.inputs.count)])
            start += batch.count
            let results = pool.map(batch) { state, path in process(&state, path, file(path)) }
            _ = handle(results)
        }
        return errors
    }

    private func record(_ line: ArraySlice<UInt8>) -> Read {
        switch RecordProcessor(field: field, idField: idField).text(of: line) {
        case .failure(let error):
            return .failed(error.message)
        case .success(let text):
            guard let groupBy else { return .document(text.bytes, group: "", id: text.id) }
            guard let group = text.record.record.text(of: groupBy) else {
                return .failed("the record has no field `\(groupBy)` (or it is a malformed string)")
            }
            return .document(text.bytes, group: group, id: text.id)
        }
    }

    private func file(_ path: String) -> Read {
        do {
            let bytes = try FileAccess.read(path)
            return .document(bytes, group: groupBy == nil ? "" : (path as NSString).deletingLastPathComponent)
        } catch {
            if case .io(_, let message) = error { return .failed(message) }
            return .failed(error.description)
        }
    }
}
