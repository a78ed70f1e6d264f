import Foundation
import PCRE2
#if Vectorscan
import CVectorscan
#endif

/// The Vectorscan database of a rule set, loaded once per process and shared by every copy of the rule
/// set (worker threads) and every checker. It is read from the user's cache folder when a database of
/// exactly these expressions for this library version and CPU is there; else it is compiled in the
/// background (about 2 s of one core for the built-in packs, see ``PrefilterByteSyntax``) and written
/// there, and checkers switch to it at their next document, so that a run never waits for it (a document
/// of ``waitThreshold`` bytes or more does wait, because then the wait pays). Until then, and in runs
/// that end first, the per-line prefilters do the job and the results are the same.
final class PrefilterProvider: @unchecked Sendable {
    /// When checkers may load or compile the database.
    enum Policy: Sendable {
        /// Never: the per-line prefilters only (the default with a library not proven exact, see
        /// ``VectorscanLibrary``).
        case never
        /// Read it from the cache once a checker has seen ``cacheThreshold`` bytes, and if it is not there
        /// compile it then in the background (the default with a library proven exact).
        case automatic
        /// As ``automatic``, but no compile in the background: a run of one document (`clean` of a text
        /// file) could not use its database, which would only add the compiler's memory to the run's peak
        /// (issue 13 item 6). A document large enough to wait for a compile still gets one.
        case automaticWithoutBackground
        /// Load or compile it before the first document, waiting for it (tests, benchmarks, `--vectorscan`).
        case immediately
    }

    /// Bytes a checker must have checked before the database is read or compiled: smaller runs (the
    /// bundled example, a few files) finish before a compile would, and never start one.
    static let cacheThreshold = 1 << 20
    /// A document at least this large waits for a missing database instead of being checked without it:
    /// the compile takes about 2 s of one core (Hyperscan 5.4.0, the built-in packs, a loaded 2-core machine)
    /// and the database saves about 15 ms per MB checked (30 MB: 1.1 s of user time without it, 0.65 s
    /// with it), so the wait pays back from about 130 MB.
    static let waitThreshold = 128 << 20

    /// The expressions of the rules Vectorscan may take, in rule order.
    #if Vectorscan
    let expressions: [VectorscanDatabase.Expression]
    /// Per expression: its rule's match examples, which the database must find (see ``selfCheck()``).
    private let examples: [[String]]
    private var database: VectorscanDatabase?
    #endif
    /// Expressions the database compile left out (set with the database, never changed after).
    private var refused: Set<Int> = []
    private var attemptedCache = false
    /// Whether a compile was started (in the background or in a caller's thread), and whether it is still going.
    private var compileStarted = false
    private var compiling = false
    /// Guards the state above; signalled when a compile ends.
    private let condition = NSCondition()

    /// Process-wide, so that copies of a rule set load one database.
    private static let registry = Registry()

    private final class Registry: @unchecked Sendable {
        let lock = NSLock()
        var providers: [String: PrefilterProvider] = [:]
        /// Whether ``finishCompilesAtExit()`` has registered its handler.
        var waitsAtExit = false
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
    /// meaning depends on where the subject starts (`\A`, `\z`, `\Z`, `\G`, verbs).
    ///
    /// That a pattern cannot match the empty string is PCRE2's word, except for patterns with subroutine
    /// calls: PCRE2 10.42 says "may match empty" (`PCRE2_INFO_MATCHEMPTY`) for a pattern whose first
    /// consuming pieces are calls of DEFINE groups, however much those groups consume (the smallest case:
    /// `(?(DEFINE)(?<a>x))(?&a)`; `(?(DEFINE)(?<a>x))y(?&a)` is fine), which left `copyright-notice` and
    /// `stamp-date-time-age` out (the latter is then refused by Hyperscan: inlined, it is 40 KB, over
    /// Hyperscan's 16,000-byte pattern limit). Such a pattern is admitted here and proven when the database is built:
    /// ``VectorscanDatabase/admit(_:flags:)`` takes no expression Hyperscan finds able to match the empty
    /// string (`min_width` 0), and what it compiles matches a superset of the strings the pattern consumes
    /// (calls inlined, constructs only loosened), so a `min_width` above 0 proves the pattern consumes at
    /// least one byte in every match. An expression refused there gets the per-line prefilters, as before.
    /// The database
    /// scans a whole document in multiline mode, which can only add matches (`^` and `$` at every line
    /// edge) for documents with LF line ends only; other documents are not scanned with it. The source is
    /// the rule's own; ``VectorscanDatabase/admit(_:flags:)`` widens it (``PrefilterSyntax``) when it compiles.
    static func expression(for rule: CompiledRule) -> VectorscanDatabase.Expression? {
        guard rule.rule.scope == .line || rule.rule.scope == .paragraph else { return nil }
        let source = rule.rule.pattern
        if rule.pattern.canMatchEmpty && !LinePrefilters.contains(source, anyOf: ["(?&"]) { return nil }
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

    /// The database, if it is loaded, or once it may be: after a checker has seen `checkedBytes` (the
    /// document about to be checked, of `documentBytes`, included). A missing database is read from
    /// `cacheFolder`, else compiled: with ``Policy/automatic`` in the background (nil until it is done,
    /// unless the document has ``waitThreshold`` bytes or more), with ``Policy/immediately`` now.
    func database(checkedBytes: Int, documentBytes: Int, policy: Policy, cacheFolder: String?) -> VectorscanDatabase? {
        condition.lock()
        defer { condition.unlock() }
        if policy == .never { return nil }
        if let database { return database }
        if policy != .immediately && checkedBytes < PrefilterProvider.cacheThreshold { return nil }
        if !attemptedCache {
            attemptedCache = true
            if let cacheFolder, let cached = VectorscanDatabase.loadCached(expressions, cacheFolder: cacheFolder) {
                publish(cached)
                return database
            }
        }
        let waits = policy == .immediately || documentBytes >= PrefilterProvider.waitThreshold
        if policy == .automaticWithoutBackground && !waits { return nil }
        if !compileStarted {
            compileStarted = true
            compiling = true
            if waits {
                // This thread compiles; others asking meanwhile wait or go on without, as their policy says.
                condition.unlock()
                let compiled = VectorscanDatabase.load(expressions, cacheFolder: cacheFolder)
                condition.lock()
                finishCompile(compiled)
            } else {
                PrefilterProvider.finishCompilesAtExit()
                let thread = Thread { [self] in
                    let compiled = VectorscanDatabase.load(expressions, cacheFolder: cacheFolder)
                    condition.lock()
                    finishCompile(compiled)
                    condition.unlock()
                }
                // Hyperscan's compiler recurses over the pattern's graph: more stack than a secondary thread's default.
                thread.stackSize = 16 << 20
                thread.start()
            }
        }
        if waits { while compiling { condition.wait() } }
        return database
    }

    /// Makes the process, when it exits while a background compile is still going, wait for that compile
    /// (so that it is cached: without this, every run shorter than the compile would start it afresh and
    /// lose it), after flushing and closing its standard output, so that a reader of the output is not kept
    /// waiting. A run pays this once per machine, rule set and library; later runs read the cache.
    private static func finishCompilesAtExit() {
        registry.lock.lock()
        defer { registry.lock.unlock() }
        guard !registry.waitsAtExit else { return }
        registry.waitsAtExit = true
        atexit {
            PrefilterProvider.registry.lock.lock()
            let pending = PrefilterProvider.registry.providers.values.filter(\.isCompiling)
            PrefilterProvider.registry.lock.unlock()
            guard !pending.isEmpty else { return }
            fflush(nil)
            close(STDOUT_FILENO)
            for provider in pending { provider.waitForCompile() }
        }
    }

    private var isCompiling: Bool {
        condition.lock()
        defer { condition.unlock() }
        return compiling
    }

    /// Waits for a compile started in the background to end (tests).
    func waitForCompile() {
        condition.lock()
        defer { condition.unlock() }
        while compiling { condition.wait() }
    }

    /// Whether a compile was started (tests: small runs must not start one).
    var hasStartedCompile: Bool {
        condition.lock()
        defer { condition.unlock() }
        return compileStarted
    }

    /// Call with ``condition`` locked.
    private func finishCompile(_ compiled: VectorscanDatabase?) {
        if let compiled { publish(compiled) }
        compiling = false
        condition.broadcast()
    }

    /// Makes `loaded` the database, with the expressions it refused and those failing ``selfCheck(_:)``;
    /// call with ``condition`` locked.
    private func publish(_ loaded: VectorscanDatabase) {
        refused = loaded.refused.union(selfCheck(loaded))
        database = loaded
    }

    /// The expressions of `database` whose rule has a match example the database does not report: they
    /// are left out of the search. A prefilter must never miss a match; each expression also proves itself
    /// on its rule's examples before it is used (a library defect then costs speed, not results).
    private func selfCheck(_ database: VectorscanDatabase) -> Set<Int> {
        guard let scratch = VectorscanScratch(for: database) else { return Set(expressions.indices) }
        var failing: Set<Int> = []
        for slot in expressions.indices where !database.refused.contains(slot) {
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
                    failing.insert(slot)
                    break
                }
            }
        }
        return failing
    }
    #endif

    /// One line per expression of `ruleSet`'s database as Hyperscan takes it, for
    /// `scripts/check-prefilter-library` (the hidden `rules --prefilter-expressions`): the rule id, its scope,
    /// its flags (`i`, `s`, `x`, `m`), its pattern in hex (patterns may hold tabs and newlines), the `HS_FLAG_*`
    /// bits and the source compiled, in hex, tab-separated; rules without a database expression are left out.
    static func databaseExpressionLines(of ruleSet: RuleSet) -> [String] {
        #if Vectorscan
        return ruleSet.rules.compactMap { rule in
            guard let expression = expression(for: rule), let admitted = VectorscanDatabase.admit(expression.source, flags: expression.flags)
            else { return nil }
            let letters: [(Rule.Flag, String)] = [(.caseless, "i"), (.dotall, "s"), (.extended, "x"), (.multiline, "m")]
            let flags = letters.filter { rule.rule.flags.contains($0.0) }.map(\.1).joined()
            func hex(_ text: String) -> String { text.utf8.map { String(format: "%02x", $0) }.joined() }
            return [rule.id, rule.rule.scope.rawValue, flags.isEmpty ? "-" : flags, hex(rule.rule.pattern), String(admitted.flags), hex(admitted.source)]
                .joined(separator: "\t")
        }
        #else
        return []
        #endif
    }

    /// True when the loaded database holds expression `slot`.
    func loadedDatabaseCovers(_ slot: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        #if Vectorscan
        return database != nil && !refused.contains(slot)
        #else
        return false
        #endif
    }

    /// True when expression `slot` is in the database (call after ``database(checkedBytes:documentBytes:policy:cacheFolder:)``
    /// gave one: the set is written with the database, under the lock that call takes).
    func covers(_ slot: Int) -> Bool { !refused.contains(slot) }

    /// Where the database came from, for `--timings`, or nil when none is loaded.
    var origin: String? {
        condition.lock()
        defer { condition.unlock() }
        #if Vectorscan
        if compiling { return "compiling in the background" }
        return database?.origin
        #else
        return nil
        #endif
    }
}

extension RuleSet {
    /// The Hyperscan database's expressions, one line per rule (see ``PrefilterProvider/databaseExpressionLines(of:)``).
    package var prefilterExpressionLines: [String] { PrefilterProvider.databaseExpressionLines(of: self) }
}
