import Foundation
import PCRE2
#if Vectorscan
import CVectorscan
#endif

/// The Vectorscan database of a rule set, loaded once per process and shared by every copy of the rule
/// set (worker threads) and every checker. Compiling the built-in packs takes seconds, so the database
/// is read from the user's cache folder when a database of exactly these expressions for this library
/// version and CPU is there, and compiled (then cached) only when a run is large enough to repay it:
/// below that, the per-line prefilters do the job and the results are the same.
final class PrefilterProvider: @unchecked Sendable {
    /// When checkers may load or compile the database.
    enum Policy: Sendable {
        /// Never: the per-line prefilters only (the default with a library not proven exact, see
        /// ``VectorscanLibrary``).
        case never
        /// Read it from the cache once a checker has seen ``cacheThreshold`` bytes; compile it once a checker
        /// has seen ``compileThreshold`` bytes (the default with a library proven exact).
        case automatic
        /// Load or compile it before the first document (tests, benchmarks).
        case immediately
    }

    /// Bytes a checker must have checked before the cached database is read (reading a large database
    /// costs more than matching a small input).
    static let cacheThreshold = 1 << 20
    /// Bytes a checker must have checked before a missing database is compiled. Compiling the built-in
    /// packs takes about 45 s of one core and the database saves about 13 ms per MB checked (30 MB: 1.22 s
    /// without it, 0.83 s with it), so a compile pays for itself only after about 3.5 GB; it is done in
    /// the checker's thread, so a run waits for it.
    static let compileThreshold = 4 << 30

    /// The expressions of the rules Vectorscan may take, in rule order.
    #if Vectorscan
    let expressions: [VectorscanDatabase.Expression]
    /// Per expression: its rule's match examples, which the database must find (see ``selfCheck()``).
    private let examples: [[String]]
    private var database: VectorscanDatabase?
    #endif
    /// Expressions the database compile left out.
    private var refused: Set<Int> = []
    /// Where a database let go by ``unload()`` had come from.
    private var unloadedOrigin: String?
    private var attemptedCache = false
    private var attemptedCompile = false
    private let lock = NSLock()

    /// Process-wide, so that copies of a rule set load one database.
    private static let registry = Registry()

    private final class Registry: @unchecked Sendable {
        let lock = NSLock()
        var providers: [String: PrefilterProvider] = [:]
    }

    #if Vectorscan
    private init(expressions: [VectorscanDatabase.Expression], examples: [[String]]) {
        self.expressions = expressions
        self.examples = examples
    }
    #endif

    /// The provider for `rules` (shared with any rule set of the same expressions) and each rule's
    /// expression slot; nil when Vectorscan is not built in or no rule qualifies.
    static func make(for rules: [CompiledRule]) -> (PrefilterProvider?, [Int?]) {
        var slots = [Int?](repeating: nil, count: rules.count)
        #if Vectorscan
        var expressions: [VectorscanDatabase.Expression] = []
        var examples: [[String]] = []
        for rule in rules {
            guard let expression = PrefilterProvider.expression(for: rule) else { continue }
            slots[rule.index] = expressions.count
            expressions.append(expression)
            examples.append(rule.rule.examples.match)
        }
        guard !expressions.isEmpty else { return (nil, slots) }
        let key = expressions.map { "\($0.flags) \($0.source)" }.joined(separator: "\n")
        registry.lock.lock()
        defer { registry.lock.unlock() }
        if let existing = registry.providers[key] { return (existing, slots) }
        let provider = PrefilterProvider(expressions: expressions, examples: examples)
        registry.providers[key] = provider
        return (provider, slots)
        #else
        return (nil, slots)
        #endif
    }

    /// The folder holding cached databases: `$SCRAPELINT_CACHE_DIR`, else `$XDG_CACHE_HOME/scrapelint`, else
    /// `~/.cache/scrapelint`; nil when none can be named.
    static var cacheFolder: String? {
        let environment = ProcessInfo.processInfo.environment
        if let folder = environment["SCRAPELINT_CACHE_DIR"], !folder.isEmpty { return folder }
        if let base = environment["XDG_CACHE_HOME"], base.hasPrefix("/") { return base + "/scrapelint" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.cache/scrapelint" }
        return nil
    }

    #if Vectorscan
    /// How Vectorscan sees a rule's pattern, or nil when the rule gets no Vectorscan prefilter: only line
    /// and paragraph rules whose pattern cannot match the empty string and uses no construct whose
    /// meaning depends on where the subject starts (`\A`, `\z`, `\Z`, `\G`, verbs). The database
    /// scans a whole document in multiline mode, which can only add matches (`^` and `$` at every line
    /// edge) for documents with LF line ends only; other documents are not scanned with it. The source is
    /// the rule's own; ``VectorscanDatabase/admit(_:flags:)`` widens it (``PrefilterSyntax``) when it compiles.
    static func expression(for rule: CompiledRule) -> VectorscanDatabase.Expression? {
        guard rule.rule.scope == .line || rule.rule.scope == .paragraph, !rule.pattern.canMatchEmpty else { return nil }
        let source = rule.rule.pattern
        if LinePrefilters.contains(source, anyOf: ["\\A", "\\z", "\\Z", "\\G", "(*", "\\C", "\\X", "\\R"]) { return nil }
        var flags = UInt32(HS_FLAG_UTF8 | HS_FLAG_UCP | HS_FLAG_MULTILINE)
        for flag in rule.rule.flags {
            switch flag {
            case .caseless: flags |= UInt32(HS_FLAG_CASELESS)
            case .dotall: flags |= UInt32(HS_FLAG_DOTALL)
            case .extended, .multiline, .ungreedy: break
            }
        }
        let expression = rule.rule.flags.contains(.extended) ? "(?x)" + source : source
        // Whether Vectorscan takes it (and in which mode) is decided when the database is built: asking costs
        // milliseconds per pattern, too much for every start-up.
        return VectorscanDatabase.Expression(source: expression, flags: flags)
    }

    /// The database, if it is loaded or may now be loaded after a checker has seen `checkedBytes`.
    func database(checkedBytes: Int, policy: Policy) -> VectorscanDatabase? {
        lock.lock()
        defer { lock.unlock() }
        if policy == .never { return nil }
        if let database { return database }
        let wantsCache = policy == .immediately || checkedBytes >= PrefilterProvider.cacheThreshold
        let wantsCompile = policy == .immediately || checkedBytes >= PrefilterProvider.compileThreshold
        if wantsCache && !attemptedCache || wantsCompile && !attemptedCompile {
            let folder = PrefilterProvider.cacheFolder
            if !attemptedCache && !wantsCompile {
                attemptedCache = true
                if let folder, let cached = VectorscanDatabase.loadCached(expressions, cacheFolder: folder) {
                    database = cached
                    refused = cached.refused
                    selfCheck()
                }
            } else {
                attemptedCache = true
                attemptedCompile = true
                database = VectorscanDatabase.load(expressions, cacheFolder: folder)
                refused = database?.refused ?? []
                selfCheck()
            }
        }
        return database
    }

    /// Leaves out of the search every expression whose rule has a match example the database does not
    /// report. A prefilter must never miss a match; each expression also proves itself on its rule's
    /// examples before it is used (a library defect then costs speed, not results).
    private func selfCheck() {
        guard let database, let scratch = VectorscanScratch(for: database) else { return }
        for slot in expressions.indices where !refused.contains(slot) {
            for example in examples[slot] {
                let bytes = Array(example.utf8)
                // The database scans only LF-only documents; examples with other line ends prove nothing.
                guard !bytes.contains(0x0D) else { continue }
                var reported = false
                bytes.withUnsafeBufferPointer { buffer in
                    database.scan(buffer, scratch: scratch) { id, _ in
                        if Int(id) == slot { reported = true }
                        return !reported
                    }
                }
                if !reported {
                    refused.insert(slot)
                    break
                }
            }
        }
    }
    #endif

    /// True when the loaded database holds expression `slot`.
    /// Lets the loaded database go (a one-document run whose scan is done: its tens of MB are then free for
    /// the fixes, issue 13 item 6); it is not loaded again, so later checks use the per-line prefilters.
    func unload() {
        lock.lock()
        defer { lock.unlock() }
        #if Vectorscan
        if let database { unloadedOrigin = database.origin + ", let go after its scan" }
        database = nil
        attemptedCache = true
        attemptedCompile = true
        #endif
    }

    func loadedDatabaseCovers(_ slot: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        #if Vectorscan
        return database != nil && !refused.contains(slot)
        #else
        return false
        #endif
    }

    /// True when expression `slot` is in the database (call after ``database(checkedBytes:policy:)``).
    func covers(_ slot: Int) -> Bool { !refused.contains(slot) }

    /// Where the database came from, for `--timings`, or nil when none is loaded.
    var origin: String? {
        lock.lock()
        defer { lock.unlock() }
        #if Vectorscan
        return database?.origin ?? unloadedOrigin
        #else
        return nil
        #endif
    }
}
