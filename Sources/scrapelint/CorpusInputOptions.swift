import ArgumentParser
import ScrapeLintCore

/// The corpus a reviewing command (`report`, `compare`) reads: files and folders, or one JSON Lines
/// file, read on all cores in input order.
struct CorpusInputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Files or folders of text files, or with --jsonl JSON Lines files read one after the other (`-` for standard input, once).", valueName: "path"))
    var paths: [String] = []

    @OptionGroup(title: "JSON Lines") var corpus: CorpusOptions

    @OptionGroup var inputOptions: InputOptions

    @Option(name: [.short, .long], help: ArgumentHelp("Worker threads (default: all cores).", valueName: "n"))
    var jobs: Int?

    @Flag(name: [.short, .long], help: "No progress bar on standard error.")
    var quiet = false

    func validate() throws {
        try corpus.refuseIgnoreField("report` or `compare")
        if paths.isEmpty { throw ValidationError("Give the files or folders to read, or --jsonl and a JSON Lines file.") }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (`-`) can be read only once.") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more.") }
    }

    var workers: Int { jobs ?? WorkerPool<Int>.availableCores }

    private func walker(settings: Settings) -> InputWalker {
        InputWalker(include: settings.include.value, exclude: settings.exclude.value, follow: inputOptions.follow,
                    respectsIgnoreFiles: !inputOptions.noIgnore)
    }

    /// The files these inputs name (folders walked), for checking outputs against them.
    func inputFiles(settings: Settings) -> [String] {
        corpus.jsonl ? paths : walker(settings: settings).walk(paths).inputs
    }

    /// The pass over these inputs; `settings` gives the include and exclude globs for folders.
    func reader(settings: Settings) -> CorpusPass {
        CorpusPass(paths: paths, jsonl: corpus.jsonl, documents: CorpusDocumentReader(field: corpus.field, idField: corpus.idField),
                   policy: corpus.onError, walker: walker(settings: settings), quiet: quiet)
    }
}

/// How many matches a reviewing command shows per rule, and the seed that picks them.
struct SampleOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Matches shown per rule (a uniform sample).", valueName: "n"))
    var sample = 20

    @Option(help: ArgumentHelp("The seed of the sampling: the same seed and input give the same samples.", valueName: "n"))
    var seed: UInt64 = 1

    func validate() throws {
        if sample < 0 { throw ValidationError("--sample must be 0 or more.") }
    }
}
