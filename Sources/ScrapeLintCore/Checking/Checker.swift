#if canImport(Glibc)
import Glibc
#endif
import PCRE2

/// Runs a ``RuleSet`` over one ``Document`` and returns its violations. A checker holds per-thread
/// scratch: make one per thread and reuse it for many documents.
public final class Checker {
    public let ruleSet: RuleSet
    let scratch: MatchScratch
    /// When true, the time spent on each rule is added to ``ruleNanoseconds`` (costs two clock reads per
    /// rule per document).
    public var collectsTimings = false
    /// Time spent per rule (indexed like ``RuleSet/rules``) since this checker was made.
    public private(set) var ruleNanoseconds: [UInt64]
    /// How the search stage finds candidate units: with every prefilter (the default), or with none
    /// (`--no-prefilter`: every unit goes to PCRE2; the exactness tests compare the two).
    public var searchMode: SearchMode = .prefiltered
    /// Whether and when the Vectorscan database is used (see ``PrefilterProvider``): by default only with a
    /// library proven exact (``VectorscanLibrary/isProvenExact``: Intel Hyperscan 5.4.0 on x86-64);
    /// Vectorscan 5.4.9 was measured to miss matches (see `VectorscanDefectTests`).
    var prefilterPolicy: PrefilterProvider.Policy = VectorscanLibrary.isProvenExact ? .automatic : .never
    /// Lets Vectorscan prefilter this checker's documents from the first one, even with a library not proven
    /// exact, reading the database from the cache or compiling it now (the hidden `--vectorscan` option).
    public func enableVectorscan() { prefilterPolicy = .immediately }
    /// Keeps Vectorscan out of this checker's search, the other prefilters stay (the hidden `--no-vectorscan`).
    public func disableVectorscan() { prefilterPolicy = .never }
    /// For a run of one document: the database is read from the cache (or compiled for a document that
    /// waits for it), never compiled in the background, whose result would come after the run's only
    /// document (issue 13 item 6: the compiler's memory came on top of the document's).
    public func avoidBackgroundCompile() {
        if prefilterPolicy == .automatic { prefilterPolicy = .automaticWithoutBackground }
    }
    /// Documents of this many lines or more get the search stage's 8-byte fallbacks instead of its 4-byte
    /// line lists (see ``DocumentSearch/narrowLineLimit``); tests lower it to reach them without 2^32 lines.
    var narrowLineLimit = IndexTable.narrowLimit
    /// Bytes checked so far: the prefilter database is loaded once enough text has been seen.
    private var checkedBytes = 0
    /// Where the prefilter database is cached (``PrefilterProvider/cacheFolder``; tests use a temporary folder).
    var prefilterCacheFolder: String? = PrefilterProvider.cacheFolder
    #if Vectorscan
    /// The database in use, its scratch, and which expressions it covers (asked once, not per document).
    private var vectorscanScratch: (database: VectorscanDatabase, scratch: VectorscanScratch, covered: [Bool])?
    #endif

    /// Whether candidate units come through the prefilters or all go to PCRE2.
    public enum SearchMode: Sendable {
        case prefiltered, exhaustive
    }

    /// When false, violations carry an empty message: for callers that only want the fixed text (the
    /// corpus cleaner), rendering a message per match is wasted work.
    public var rendersMessages = true

    /// Each rule's scope, read for every rule on every pass (without reaching into its compiled rule).
    private let scopes: [Rule.Scope]

    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
        scopes = ruleSet.rules.map(\.rule.scope)
        scratch = ruleSet.makeScratch()
        ruleNanoseconds = Array(repeating: 0, count: ruleSet.rules.count)
    }

    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// A raw match of one rule before gates: where it lies, its groups when the rule needs them, and the
    /// scope unit it lies in.
    ///
    /// 48 bytes and no allocation of its own for rules whose fix and message use no group (most): a large
    /// text has hundreds of thousands, kept from one fix pass to the next (issue 13 item 6).
    struct Hit: Hashable, Sendable {
        /// The whole match.
        let range: Range<Int>
        /// Every group of the match (`groups[0]` the whole match) when the rule's replacement or message
        /// refers to groups; else empty.
        let groups: [Range<Int>?]
        let unit: Range<Int>
        /// Line index of the match start.
        let line: Int

        init(range: Range<Int>, groups: [Range<Int>?] = [], unit: Range<Int>, line: Int) {
            self.range = range
            self.groups = groups
            self.unit = unit
            self.line = line
        }

        /// The groups a template expands: all of them, or the whole match alone.
        var templateGroups: [Range<Int>?] { groups.isEmpty ? [range] : groups }

        func moved(by delta: Int, toLine line: Int) -> Hit {
            func shift(_ range: Range<Int>) -> Range<Int> { (range.lowerBound + delta)..<(range.upperBound + delta) }
            return Hit(range: shift(range), groups: delta == 0 || groups.isEmpty ? groups : groups.map { $0.map(shift) },
                       unit: shift(unit), line: line)
        }
    }

    /// Checks `document`; violations of the rules `ignoring` picks are dropped (a record's `--ignore-field`),
    /// as are those its suppression directives cover.
    public func check(_ document: Document, ignoring: [RuleSelector] = []) -> CheckResult {
        check(document, changedSince: nil, ignoring: ignoring)
    }

    /// What a fix pass knows about the text it fixed: the text, its check, and which new lines copy which
    /// old ones (`lineOrigins[i]` is the previous line that new line `i` copies, or nil).
    struct Previous {
        let document: Document
        let result: CheckResult
        let lineOrigins: IndexTable
        /// The previous pass's raw matches per rule, each rule's handed over once and then let go, so
        /// that a large text's matches are not held twice (issue 13 item 6).
        let hits: PreviousHits

        init(document: Document, result: CheckResult, lineOrigins: IndexTable) {
            var copy = result
            self.init(document: document, taking: &copy, lineOrigins: lineOrigins)
        }

        /// Takes `result`'s matches (left empty), so that this is their only owner.
        init(document: Document, taking result: inout CheckResult, lineOrigins: IndexTable) {
            self.document = document
            self.lineOrigins = lineOrigins
            hits = PreviousHits(result.hits)
            result.hits = RuleHits()
            self.result = result
        }
    }

    /// The matches of the previous pass, per rule; ``take(_:)`` hands a rule's over and lets them go.
    final class PreviousHits {
        private var perRule: RuleHits
        init(_ perRule: RuleHits) { self.perRule = perRule }
        var count: Int { perRule.ruleCount }
        func take(_ rule: Int) -> [Hit] { perRule.take(rule) }
        func isEmpty(_ rule: Int) -> Bool { perRule.isEmpty(rule) }
    }

    /// Checks `document`. With `previous` (a fix pass), only the lines and paragraphs the fixes changed are
    /// searched: the raw matches of line and paragraph rules depend on nothing but their unit, so those of
    /// units copied byte for byte are moved over; gates (`near`, `zone`, `min-run`) are then evaluated
    /// afresh on the new text, and document rules run in full. The result equals a check without
    /// `previous`.
    func check(_ document: Document, changedSince previous: Previous?, ignoring: [RuleSelector] = []) -> CheckResult {
        var reuse: (plan: ReusePlan, hits: PreviousHits)?
        if let previous, previous.hits.count == ruleSet.rules.count, previous.result.failures.isEmpty {
            reuse = (ReusePlan(document: document, previous: previous.document, lineOrigins: previous.lineOrigins), previous.hits)
        }
        let result = document.bytes.withUnsafeBufferPointer { buffer in
            check(document, buffer: buffer, reuse: reuse, ignoring: ignoring)
        }
        return result
    }

    /// The one-pass multi-pattern prefilter for `document`, when the rule set has one and it is loaded.
    private func multiPatternPass(_ document: Document, buffer: UnsafeBufferPointer<UInt8>) -> MultiPatternPass? {
        #if Vectorscan
        guard searchMode == .prefiltered else { return nil }
        // A loaded database never changes: the provider, whose lock every worker's checker would take for
        // every record, is asked only until this checker has one.
        if let (database, scratch, covered) = vectorscanScratch, prefilterPolicy != .never {
            return MultiPatternPass(database: database, scratch: scratch, covered: covered, document: document, buffer: buffer,
                                    isParagraphSlot: ruleSet.search.prefilterParagraphSlots)
        }
        guard let provider = ruleSet.search.prefilter,
              let database = provider.database(checkedBytes: checkedBytes, documentBytes: document.bytes.count, policy: prefilterPolicy,
                                               cacheFolder: prefilterCacheFolder) else { return nil }
        if vectorscanScratch?.database !== database {
            guard let scratch = VectorscanScratch(for: database) else { return nil }
            vectorscanScratch = (database, scratch, ruleSet.search.prefilterParagraphSlots.indices.map { provider.covers($0) })
        }
        return MultiPatternPass(database: database, scratch: vectorscanScratch!.scratch, covered: vectorscanScratch!.covered,
                                document: document, buffer: buffer, isParagraphSlot: ruleSet.search.prefilterParagraphSlots)
        #else
        return nil
        #endif
    }

    private func check(_ document: Document, buffer: UnsafeBufferPointer<UInt8>, reuse: (plan: ReusePlan, hits: PreviousHits)?,
                       ignoring: [RuleSelector]) -> CheckResult {
        checkedBytes &+= document.bytes.count
        let matcher = UnitMatcher(document: document, buffer: buffer, scratch: scratch)
        var gateContext = GateContext(document: document)
        var result = CheckResult()
        var accepted = RuleHits(ruleCount: ruleSet.rules.count)
        var collected = RuleHits(ruleCount: ruleSet.rules.count)
        let search = DocumentSearch(document: document, buffer: buffer, plan: ruleSet.search, matcher: matcher,
                                    exhaustive: searchMode == .exhaustive,
                                    multiPattern: reuse == nil ? multiPatternPass(document, buffer: buffer) : nil)
        search.narrowLineLimit = narrowLineLimit
        for index in ruleSet.evaluationOrder {
            // Most rules have no candidate in most documents (the prefilters' point): a rule the one-pass
            // prefilter found nothing for is done before anything else is asked (no previous matches to
            // move: the pass runs on first checks only).
            if reuse == nil, search.prefilterFoundNothing(forRule: index) { continue }
            // Likewise on a fix pass, for a line or paragraph rule with no previous match when no unit of its
            // scope changed (fixes that delete whole lines change none).
            if let reuse, reuse.hits.isEmpty(index) {
                switch scopes[index] {
                case .line where reuse.plan.changedLines.isEmpty: continue
                case .paragraph where reuse.plan.changedParagraphs.isEmpty: continue
                default: break
                }
            }
            let rule = ruleSet.rules[index]
            let started = collectsTimings ? Checker.now() : 0
            defer { if collectsTimings { ruleNanoseconds[index] &+= Checker.now() - started } }
            do {
                var hits = try collectHits(rule, search: search, reuse: rule.isLocal ? reuse.map { ($0.plan, $0.hits.take(index)) } : nil)
                collected[index] = hits
                if !hits.isEmpty {
                    hits = try applyGates(rule, to: hits, matcher: matcher, context: &gateContext, accepted: accepted)
                }
                accepted[index] = hits
            } catch {
                result.failures.append(RuleFailure(ruleID: rule.id, message: error.description))
            }
        }
        // Reserved once: growing by doubling would hold two copies of a large text's violations.
        let silent = ruleSet.silent
        func reports(_ index: Int) -> Bool { !accepted[index].isEmpty && (silent.isEmpty || !silent.contains(index)) }
        result.violations.reserveCapacity(ruleSet.rules.indices.reduce(0) { $0 + (reports($1) ? accepted[$1].count : 0) })
        for index in ruleSet.rules.indices where reports(index) {
            let rule = ruleSet.rules[index]
            for hit in accepted[index] {
                result.violations.append(makeViolation(rule, hit: hit, document: document, buffer: buffer))
            }
        }
        result.violations.sort { ($0.range.lowerBound, $0.ruleIndex, $0.range.upperBound) < ($1.range.lowerBound, $1.ruleIndex, $1.range.upperBound) }
        result.hits = collected
        var suppressions = Suppressions(document, known: ruleSet.known, everywhere: ignoring)
        suppressions.apply(to: &result, document: document, ruleSet: ruleSet)
        return result
    }

    /// Every match of `rule` in the candidate units the search stage gives, skipping units its `unless`
    /// pattern matches. With `reuse` (a fix pass), the hits of units the fixes left unchanged are moved
    /// from the previous pass and only the changed units are searched.
    private func collectHits(_ rule: CompiledRule, search: DocumentSearch, reuse: (plan: ReusePlan, hits: [Hit])?) throws(PCRE2Error) -> [Hit] {
        let document = search.document
        let budget = MatchBudget(started: collectsTimings || document.bytes.count >= MatchBudget.longUnit ? Checker.now() : 0)
        // Most rules have no candidate in most documents (the prefilters' point): they cost no more than that.
        let candidates: [Int]
        switch rule.rule.scope {
        case .line: candidates = try search.candidateLines(of: rule, among: reuse?.plan.changedLines, budget: budget)
        case .paragraph: candidates = search.candidateParagraphs(of: rule, among: reuse?.plan.changedParagraphs)
        case .document: candidates = []
        }
        if candidates.isEmpty && rule.rule.scope != .document && (reuse?.hits.isEmpty ?? true) { return [] }
        var collector = HitCollector(rule: rule, matcher: search.matcher, sizes: search, budget: budget, rendersMessages: rendersMessages)
        // Reserved once rather than grown by doubling: the moved hits (most of a fix pass's) and one per
        // candidate unit (most candidates of a large text's busy rules hold one match). Growing copied the
        // hits and touched fresh pages at every doubling; pages reserved and never written cost nothing, and a
        // large reserve left mostly empty is copied to an exact array below.
        collector.hits.reserveCapacity((reuse?.hits.count ?? 0) + candidates.count)
        switch rule.rule.scope {
        case .line:
            let lines = document.lines
            if let (plan, previousHits) = reuse {
                for hit in previousHits {
                    guard let line = plan.newLine[hit.line] else { continue }
                    collector.hits.append(hit.moved(by: lines[line].start - plan.previous.lines[hit.line].start, toLine: line))
                }
            }
            for index in candidates {
                try collector.add(lines[index].start..<lines[index].contentEnd, lineHint: index, paragraph: nil)
            }
        case .paragraph:
            if let (plan, previousHits) = reuse {
                for hit in previousHits {
                    guard let oldParagraph = plan.previousParagraph(startingAt: hit.unit.lowerBound),
                          plan.previous.paragraphs[oldParagraph].range == hit.unit,
                          let newParagraph = plan.newParagraph[oldParagraph] else { continue }
                    let delta = document.paragraphs[newParagraph].range.lowerBound - hit.unit.lowerBound
                    let oldLines = plan.previous.paragraphs[oldParagraph].lines
                    let newLines = document.paragraphs[newParagraph].lines
                    collector.hits.append(hit.moved(by: delta, toLine: hit.line - oldLines.lowerBound + newLines.lowerBound))
                }
            }
            for index in candidates {
                try collector.add(document.paragraphs[index].range, lineHint: nil, paragraph: index)
            }
        case .document:
            try collector.add(document.contentStart..<document.bytes.count, lineHint: nil, paragraph: nil)
        }
        if reuse != nil {
            collector.hits.sort { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
        }
        // Kept until the next fix pass: a large text's, grown by doubling, would hold up to twice their size.
        if collector.hits.capacity - collector.hits.count > 4096 {
            var exact: [Hit] = []
            exact.reserveCapacity(collector.hits.count)
            exact.append(contentsOf: collector.hits)
            return exact
        }
        return collector.hits
    }

    /// Matches a rule in scope units, honouring its size gates and its `unless` pattern.
    private struct HitCollector {
        let rule: CompiledRule
        let matcher: UnitMatcher
        let sizes: DocumentSearch
        let budget: MatchBudget
        let sizeGated: Bool
        /// The rule's size gates, read once (not the whole ``Gates`` per unit).
        let maxChars: Int?
        let maxWords: Int?
        /// Whether hits keep their groups (for a replacement or a message that refers to them).
        let keepsGroups: Bool
        var hits: [Hit] = []
        private var unlessCache: (unit: Range<Int>, vetoed: Bool)?

        init(rule: CompiledRule, matcher: UnitMatcher, sizes: DocumentSearch, budget: MatchBudget, rendersMessages: Bool) {
            self.rule = rule
            self.budget = budget
            self.matcher = matcher
            self.sizes = sizes
            maxChars = rule.rule.gates.maxChars
            maxWords = rule.rule.gates.maxWords
            sizeGated = maxChars != nil || maxWords != nil
            keepsGroups = rule.pattern.captureCount > 0
                && ((rule.replacement.map { !$0.isLiteral } ?? false) || (rendersMessages && !rule.message.isLiteral))
        }

        mutating func add(_ unit: Range<Int>, lineHint: Int?, paragraph: Int?) throws(PCRE2Error) {
            // Size gates are cheaper than any pattern: a unit too long for them is never matched.
            if sizeGated && !sizes.fits(unit, maxChars: maxChars, maxWords: maxWords, line: lineHint, paragraph: paragraph) { return }
            let limits = budget.limits(rule.limits, subjectLength: unit.count)
            if unit.count >= MatchBudget.longUnit { try budget.checkTime(rule) }
            var cache = unlessCache
            let rule = self.rule
            let matcher = self.matcher
            let keepsGroups = self.keepsGroups
            // Matched into the collector's own array (moved out and back, never copied).
            var found: [Hit] = []
            swap(&found, &hits)
            defer { swap(&found, &hits) }
            try matcher.forEachMatch(rule.pattern, in: unit, limits: limits) { range, subjectStart throws(PCRE2Error) in
                // Read before `unless` runs: it uses the same scratch.
                let groups = keepsGroups ? rule.pattern.groups(in: matcher.scratch, shiftedBy: subjectStart) : []
                if let unless = rule.unless {
                    if cache?.unit != unit {
                        cache = (unit, try matcher.matches(unless, in: unit, limits: limits))
                    }
                    if cache!.vetoed { return false }
                }
                // The document is asked only for a paragraph's or the document's matches (copying it per unit
                // cost a retain and a release of each of its arrays).
                let line = lineHint ?? matcher.lineIndex(containing: range.lowerBound)
                found.append(Hit(range: range, groups: groups, unit: unit, line: line))
                return true
            }
            unlessCache = cache
        }
    }

    private func makeViolation(_ rule: CompiledRule, hit: Hit, document: Document, buffer: UnsafeBufferPointer<UInt8>) -> Violation {
        let message = rendersMessages ? String(decoding: rule.message.expand(hit.templateGroups, in: buffer), as: UTF8.self) : ""
        return Violation(
            ruleIndex: rule.index, ruleID: rule.id, severity: rule.rule.severity, range: hit.range,
            message: message, fix: makeFix(rule, hit: hit, document: document, buffer: buffer))
    }

    private func makeFix(_ rule: CompiledRule, hit: Hit, document: Document, buffer: UnsafeBufferPointer<UInt8>) -> Fix? {
        let range = hit.range
        let lines = document.lines
        let safety = rule.fixSafety
        switch rule.rule.fix {
        case .none:
            return nil
        case .deleteMatch:
            return range.isEmpty ? nil : Fix(edit: Edit(range: range), safety: safety)
        case .replace:
            let replacement = rule.replacement?.expand(hit.templateGroups, in: buffer) ?? []
            if buffer[range].elementsEqual(replacement) { return nil }
            return Fix(edit: Edit(range: range, replacement: replacement), safety: safety)
        case .deleteLine:
            let first = hit.line
            // Most matches end on the line they start on: no search for it then.
            let end = range.upperBound - 1
            let last = range.isEmpty || (lines[first].start <= end && end < lines[first].end)
                ? first : document.lineIndex(containing: end)
            return Fix(edit: Edit(range: lines[first].start..<lines[last].end), safety: safety)
        case .deleteParagraph:
            guard let paragraph = document.paragraph(containingLine: hit.line) else {
                return Fix(edit: Edit(range: lines[hit.line].start..<lines[hit.line].end), safety: safety)
            }
            return Fix(edit: Edit(range: lines[paragraph.lines.lowerBound].start..<lines[paragraph.lines.upperBound - 1].end), safety: safety)
        }
    }
}
