import ArgumentParser
import Foundation
import ScrapeLintCore

/// Options about how a run goes: parallelism, progress, statistics, timings.
struct RunOptions: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp("Worker threads (default: all cores).", valueName: "n"))
    var jobs: Int?

    @Flag(name: [.short, .long], help: "No progress bar, no end-of-run counts on standard error and no summary line after a text or concise report.")
    var quiet = false

    @Flag(help: "Print per-rule statistics: matches, files or records touched, lines and bytes removed, share of the input removed.")
    var statistics = false

    @Option(name: .customLong("statistics-json"), help: ArgumentHelp("Write the statistics as JSON to this file (`-`: standard output).", valueName: "file"))
    var statisticsJSON: String?

    var statisticsTarget: OutputTarget? { statisticsJSON.map { OutputTarget("--statistics-json", $0) } }

    @Flag(help: "Print the time spent on each rule (standard error), so that slow rules can be found.")
    var timings = false

    @Flag(name: .customLong("no-prefilter"), help: ArgumentHelp(
        "Give every line and paragraph to PCRE2, without prefilters (for checking that prefilters change nothing).",
        visibility: .hidden))
    var noPrefilter = false

    @Flag(name: .customLong("vectorscan"), help: ArgumentHelp(
        "Also prefilter with Vectorscan (experimental: Vectorscan 5.4.9 was seen to miss matches).", visibility: .hidden))
    var vectorscan = false

    /// Sets up a checker as these options ask (timings, search mode).
    func configure(_ checker: Checker) {
        checker.collectsTimings = timings
        checker.searchMode = noPrefilter ? .exhaustive : .prefiltered
        if vectorscan { checker.enableVectorscan() }
    }

    /// The search options, for the result cache's key (they could change results: `--vectorscan` is
    /// experimental).
    var searchDescription: String { "search=\(noPrefilter ? "exhaustive" : "prefiltered") vectorscan=\(vectorscan)" }

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more.") }
        var isDirectory: ObjCBool = false
        if let file = statisticsJSON, FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ValidationError("--statistics-json takes a file to write, but `\(file)` is a folder.")
        }
    }

    var workerCount: Int { jobs ?? WorkerPool<Int>.availableCores }

    /// Whether per-rule statistics are printed or written (then `check` also works out what its fixes
    /// would remove).
    var wantsStatistics: Bool { statistics || statisticsJSON != nil }
}

/// Options of the JSON Lines corpus mode.
struct CorpusOptions: ParsableArguments {
    @Flag(help: "Read JSON Lines records instead of text files (files and `-`, read one after the other in the order given).")
    var jsonl = false

    @Option(help: ArgumentHelp("The string field holding the text (with --jsonl); `a.b` is the member b of the object in a, unless a top-level key is named `a.b`.", valueName: "name"))
    var field = "text"

    @Option(name: .customLong("id-field"), help: ArgumentHelp("The field naming each record in reports (with --jsonl; `a.b` for a nested one).", valueName: "name"))
    var idField = "id"

    @Option(name: .customLong("ignore-field"), help: ArgumentHelp("A record field listing rules (ids, categories, prefixes; a JSON array of strings or \"a,b\") that neither report nor fix in that record (with --jsonl).", valueName: "name"))
    var ignoreField: String?

    @Option(name: .customLong("on-error"), help: ArgumentHelp("What to do with a malformed record, one without the field, or a non-string field: fail (stop with status 2), skip (drop it), keep (pass it through unchanged where records are written; elsewhere left out as with skip). Each one is warned about (unless --quiet, which counts them at the end) and counted.", valueName: "policy"))
    var onError: BadRecordPolicy = .fail

    func validate() throws {
        if ignoreField != nil && !jsonl { throw ValidationError("--ignore-field needs --jsonl.") }
    }

    /// For the commands that read a corpus without checking it record by record against a selection.
    func refuseIgnoreField(_ command: String) throws {
        if ignoreField != nil { throw ValidationError("--ignore-field works with `check --jsonl` and `clean --jsonl`, not `\(command)`.") }
    }
}

extension BadRecordPolicy: ExpressibleByArgument {}
