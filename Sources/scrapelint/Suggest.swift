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

    @Argument(help: ArgumentHelp("Files or folders of text files, or with --jsonl JSON Lines files (read one after the other).", valueName: "path"))
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
        let grouping: CorpusDocumentReader.Grouping = groupBy.map { corpus.jsonl ? .field($0) : .folder } ?? .none
        let reader = CorpusPass(paths: paths, jsonl: corpus.jsonl,
                                documents: CorpusDocumentReader(field: corpus.field, idField: corpus.idField, grouping: grouping),
                                policy: corpus.onError, walker: InputWalker(include: include, exclude: exclude), quiet: quiet)
        let workers = jobs ?? WorkerPool<Int>.availableCores

        var table = ShapeTable(options: options)
        let pool = BatchRunner(jobs: workers) { Fixer(checker: Checker(ruleSet: cleaning)) }
        var errors = reader.forEachDocument(runner: pool, pass: "reading") { cleaner, document in
            DocumentObservation(Document(cleaner.fix(document.text).bytes), group: document.group, textBytes: document.text.count, options: options)
        } collect: { _, observation in table.add(observation) }

        let proposals = ProposalBuilder(table: table, grouped: groupBy != nil, reservedIDs: reserved).build()
        var measure = ProposalMeasure(proposals: proposals, table: table)
        if !proposals.isEmpty && errors == 0 {
            let proposalSet: RuleSet
            do { proposalSet = try measure.ruleSet() } catch {
                Output.error("scrapelint: internal error: a proposed rule does not compile: \(error.report)")
                throw ExitCode(Status.error)
            }
            let checkers = BatchRunner(jobs: workers) { (Fixer(checker: Checker(ruleSet: cleaning)), Checker(ruleSet: proposalSet)) }
            // The same documents again: their problems were reported by the first pass.
            errors += reader.forEachDocument(runner: checkers, pass: "checking", reportsProblems: false) { worker, document in
                ProposalMeasure.DocumentHits(Document(worker.0.fix(document.text).bytes), group: document.group, checker: worker.1, table: table)
            } collect: { _, hits in measure.add(hits) }
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
