import ArgumentParser
import Foundation
import ScrapeLintCore

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what one rule set removes from a corpus that another does not.",
        discussion: """
        Fixes every document in memory with rule set A and with rule set B (nothing is written) and \
        reports, per rule, the edits that remove bytes the other set keeps: how many, in how many \
        documents, how many bytes, and a seeded sample of them (document:line and the text). Use it to \
        review a rule change on real data before it ships: A the rules as they are, B as they would be.

        Each side is what its --rules-a / --rules-b options name (rule files or folders, repeatable), \
        without the built-in packs unless --builtin adds them to both sides. Configuration files are not \
        read: the two sides are exactly what the command line says. Replacement texts are not compared, \
        only which bytes of the original go. Exit status 0 when both sides clean every document alike, \
        1 when they differ, 2 on error.

        Examples:
          scrapelint compare --rules-a Rules/ --rules-b my-rules/ scraped/
          git show main:site.yml > /tmp/old.yml
          scrapelint compare --rules-a /tmp/old.yml --rules-b site.yml --builtin --jsonl corpus.jsonl --format json
        """
    )

    @Option(name: .customLong("rules-a"), help: ArgumentHelp("A rule file or folder of rule set A (repeatable).", valueName: "path"))
    var rulesA: [String] = []

    @Option(name: .customLong("rules-b"), help: ArgumentHelp("A rule file or folder of rule set B (repeatable).", valueName: "path"))
    var rulesB: [String] = []

    @Flag(help: "Add the built-in rule packs to both sides.")
    var builtin = false

    @Option(help: ArgumentHelp("Report format: text or json.", valueName: "format"))
    var format: Suggest.ReportStyle = .text

    @OptionGroup var input: CorpusInputOptions

    @OptionGroup var samples: SampleOptions

    @OptionGroup(title: "Safety valve") var fixOptions: FixOptions

    func validate() throws {
        if rulesA.isEmpty || rulesB.isEmpty { throw ValidationError("Give both rule sets: --rules-a PATH and --rules-b PATH.") }
    }

    func run() throws {
        defer { Output.flush() }
        let sides: [RuleSet]
        do {
            sides = try [rulesA, rulesB].map { files throws(ScrapeLintError) in
                try RuleSelection(builtin: builtin, ruleFiles: files).makeRuleSet()
            }
        } catch {
            Output.error(error.report)
            throw ExitCode(Status.error)
        }
        let pool = BatchRunner(jobs: input.workers) { () -> [Fixer] in
            sides.map { ruleSet in
                var fixer = fixOptions.makeFixer(Checker(ruleSet: ruleSet))
                fixer.recordsEdits = true
                return fixer
            }
        }
        var comparison = Comparison(samplesPerRule: samples.sample, seed: samples.seed)
        let settings = Settings(config: nil, commandLine: {
            var layer = SettingsLayer()
            input.inputOptions.apply(to: &layer)
            return layer
        }())
        let errors = input.reader(settings: settings).forEachDocument(runner: pool, pass: "comparing") { fixers, document in
            (fixers[0].fix(document.text), fixers[1].fix(document.text))
        } collect: { document, outcomes in
            comparison.add(name: document.name, original: document.text, a: outcomes.0, b: outcomes.1)
        }
        Output.write(format == .json ? comparison.json() : comparison.text())
        Output.flush()
        if errors > 0 { throw ExitCode(Status.error) }
        if comparison.documentsDiffering > 0 { throw ExitCode(Status.violations) }
    }
}
