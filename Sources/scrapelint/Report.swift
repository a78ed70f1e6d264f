import ArgumentParser
import Foundation
import ScrapeLintCore

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write an HTML page to review what each rule removes from a corpus.",
        discussion: """
        Fixes every document in memory (nothing is written back) and writes one self-contained HTML page \
        (no network resources): per rule the matches, documents touched, bytes removed and share of the \
        input, with a bar chart; a sample of each rule's matches in context, the removed text marked; a \
        sample of documents with every change marked (hover for the rule); filters by category and rule. \
        Totals count every document; samples are seeded (--seed), so the page is reproducible, and bounded \
        (--sample, --documents), so it stays fast on large corpora. The counts are those of \
        `--statistics-json` of `check --diff` (or `clean --jsonl`) on the same input.

        Examples:
          scrapelint report --html review.html scraped/
          scrapelint report --html review.html --jsonl corpus.jsonl --sample 50 --seed 7
          scrapelint report --html site.html --rules site.yml --no-builtin pages/
        """
    )

    @Option(help: ArgumentHelp("The HTML file to write (`-`: standard output).", valueName: "file"))
    var html: String

    @Option(help: ArgumentHelp("Documents shown whole with their changes marked (a uniform sample of the changed ones).", valueName: "n"))
    var documents = 20

    @Option(help: ArgumentHelp("The page's title.", valueName: "text"))
    var title = "scrapelint review"

    @Option(name: .customLong("statistics-json"), help: ArgumentHelp("Also write the statistics as JSON to this file (`-`: standard output).", valueName: "file"))
    var statisticsJSON: String?

    @OptionGroup var input: CorpusInputOptions

    @OptionGroup var samples: SampleOptions

    @OptionGroup var ruleOptions: RuleOptions

    @OptionGroup var configOptions: ConfigOptions

    @OptionGroup(title: "Safety valve") var fixOptions: FixOptions

    func validate() throws {
        if documents < 0 { throw ValidationError("--documents must be 0 or more.") }
    }

    func run() throws {
        defer { Output.flush() }
        let plan: RunPlan
        do { plan = try RunPlan(paths: [], configOptions: configOptions, ruleOptions: ruleOptions, inputOptions: input.inputOptions) } catch {
            Output.error(error.report)
            throw ExitCode(Status.error)
        }
        let targets = [OutputTarget("--html", html)] + OutputTarget.given([("--statistics-json", statisticsJSON)])
        do { try OutputTarget.check(targets, inputs: input.inputFiles(settings: plan.settings), standardOutputUser: nil) } catch {
            Output.error(error.report)
            throw ExitCode(Status.error)
        }
        let ruleSet = plan.ruleSets.ruleSet(for: "-")
        var options = ReviewReport.Options()
        options.samplesPerRule = samples.sample
        options.seed = samples.seed
        options.documents = documents
        var report = ReviewReport(ruleSet: ruleSet, options: options)
        let pool = BatchRunner(jobs: input.workers) { () -> Fixer in
            var fixer = fixOptions.makeFixer(Checker(ruleSet: ruleSet))
            fixer.recordsEdits = true
            return fixer
        }
        let errors = input.reader(settings: plan.settings).forEachDocument(runner: pool, pass: "reviewing") { fixer, document in
            fixer.fix(document.text)
        } collect: { document, outcome in
            report.add(name: document.name, original: document.text, outcome: outcome)
        }
        do {
            for target in targets {
                try target.write(Array((target.option == "--html" ? report.html(title: title) : report.statistics.json()).utf8))
            }
        } catch {
            Output.error(error.report)
            throw ExitCode(Status.error)
        }
        if !input.quiet { Output.error("scrapelint: \(report.statistics.documents) documents reviewed; report written to \(html == "-" ? "standard output" : html)") }
        if errors > 0 { throw ExitCode(Status.error) }
    }
}
