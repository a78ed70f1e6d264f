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
    /// Tests turn this off to check the fast paths (line-start prefilters and multiline candidate scans)
    /// against plain line-by-line matching.
    var usesFastPaths = true
    /// When false, violations carry an empty message: for callers that only want the fixed text (the
    /// corpus cleaner), rendering a message per match is wasted work.
    public var rendersMessages = true

    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
        scratch = ruleSet.makeScratch()
        ruleNanoseconds = Array(repeating: 0, count: ruleSet.rules.count)
    }

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// A raw match of one rule before gates: the match and the scope unit it lies in.
    struct Hit: Hashable, Sendable {
        let match: Match
        let unit: Range<Int>
        /// Line index of the match start.
        let line: Int

        func moved(by delta: Int, toLine line: Int) -> Hit {
            Hit(match: match.shifted(by: delta), unit: (unit.lowerBound + delta)..<(unit.upperBound + delta), line: line)
        }
    }

    /// Checks `document`; violations of the rules `ignoring` picks are dropped (a record's `--ignore-field`),
    /// as are those its suppression directives cover.
    public func check(_ document: Document, ignoring: [RuleSelector] = []) -> CheckResult {
        document.bytes.withUnsafeBufferPointer { buffer in
            check(document, buffer: buffer, reuse: nil, ignoring: ignoring)
        }
    }

    /// Checks `document`, a fixed version of `previous`, reusing what `previousResult` found on the lines
    /// and paragraphs that the fixes copied byte for byte (`lineOrigins[i]` is the previous line that new
    /// line `i` copies, or nil). The raw matches of line and paragraph rules depend on nothing but their
    /// unit, so those of unchanged units are moved over; gates (`near`, `zone`, `min-run`) are then
    /// evaluated afresh on the new text, and document rules run in full. The result equals
    /// `check(document)`.
    func check(_ document: Document, previous: Document, previousResult: CheckResult, lineOrigins: [Int?],
               ignoring: [RuleSelector] = []) -> CheckResult {
        guard previousResult.hits.count == ruleSet.rules.count, previousResult.failures.isEmpty else { return check(document, ignoring: ignoring) }
        let plan = ReusePlan(document: document, previous: previous, lineOrigins: lineOrigins)
        return document.bytes.withUnsafeBufferPointer { buffer in
            check(document, buffer: buffer, reuse: (plan, previousResult.hits), ignoring: ignoring)
        }
    }

    private func check(_ document: Document, buffer: UnsafeBufferPointer<UInt8>, reuse: (plan: ReusePlan, hits: [[Hit]])?,
                       ignoring: [RuleSelector]) -> CheckResult {
        let matcher = UnitMatcher(document: document, buffer: buffer, scratch: scratch)
        var gateContext = GateContext(document: document)
        var result = CheckResult()
        var accepted: [[Hit]] = Array(repeating: [], count: ruleSet.rules.count)
        var collected: [[Hit]] = Array(repeating: [], count: ruleSet.rules.count)
        let context = CheckContext(document: document, buffer: buffer, ruleSet: ruleSet)
        for index in ruleSet.evaluationOrder {
            let rule = ruleSet.rules[index]
            let started = collectsTimings ? Checker.now() : 0
            defer { if collectsTimings { ruleNanoseconds[index] &+= Checker.now() - started } }
            do {
                var hits: [Hit]
                if let reuse, rule.isLocal {
                    hits = try collectHits(rule, matcher: matcher, context: context, reusing: reuse.plan, previousHits: reuse.hits[index])
                } else {
                    hits = try collectHits(rule, matcher: matcher, context: context)
                }
                collected[index] = hits
                if !hits.isEmpty {
                    hits = try applyGates(rule, to: hits, matcher: matcher, context: &gateContext, accepted: accepted)
                }
                accepted[index] = hits
            } catch {
                result.failures.append(RuleFailure(ruleID: rule.id, message: error.description))
            }
        }
        for index in ruleSet.rules.indices where !ruleSet.silent.contains(index) {
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

    /// Every match of `rule` in its scope units, skipping units its `unless` pattern matches.
    private func collectHits(_ rule: CompiledRule, matcher: UnitMatcher, context: CheckContext) throws(PCRE2Error) -> [Hit] {
        let document = matcher.document
        var collector = HitCollector(rule: rule, matcher: matcher, sizes: context)
        switch rule.rule.scope {
        case .line:
            let lines = document.lines
            if !usesFastPaths {
                for (index, line) in lines.enumerated() where line.start < line.contentEnd {
                    try collector.add(line.start..<line.contentEnd, lineHint: index)
                }
            } else if let slot = ruleSet.lineStartSlot[rule.index] {
                for index in context.lineStartCandidates(slot) {
                    try collector.add(lines[index].start..<lines[index].contentEnd, lineHint: index)
                }
            } else if let required = rule.lineRequiredBytes {
                let bytes = matcher.buffer
                for (index, line) in lines.enumerated() where line.start < line.contentEnd
                    && Checker.contains(bytes, line.start..<line.contentEnd, anyOf: required) {
                    try collector.add(line.start..<line.contentEnd, lineHint: index)
                }
            } else if let finder = rule.lineFinder {
                try matcher.candidateLines(finder, limits: rule.limits) { index throws(PCRE2Error) in
                    try collector.add(lines[index].start..<lines[index].contentEnd, lineHint: index)
                }
            } else {
                for (index, line) in lines.enumerated() where line.start < line.contentEnd {
                    try collector.add(line.start..<line.contentEnd, lineHint: index)
                }
            }
        case .paragraph:
            for paragraph in document.paragraphs { try collector.add(paragraph.range, lineHint: nil) }
        case .document:
            try collector.add(document.contentStart..<document.bytes.count, lineHint: nil)
        }
        return collector.hits
    }

    /// The hits of a local rule on a fixed text: those of lines and paragraphs copied unchanged are moved
    /// from the previous pass; only the changed ones are matched.
    private func collectHits(_ rule: CompiledRule, matcher: UnitMatcher, context: CheckContext, reusing plan: ReusePlan, previousHits: [Hit]) throws(PCRE2Error) -> [Hit] {
        let document = matcher.document
        var collector = HitCollector(rule: rule, matcher: matcher, sizes: context)
        switch rule.rule.scope {
        case .line:
            let lines = document.lines
            let bytes = matcher.buffer
            for hit in previousHits {
                guard let line = plan.newLine[hit.line] else { continue }
                collector.hits.append(hit.moved(by: lines[line].start - plan.previous.lines[hit.line].start, toLine: line))
            }
            for index in plan.changedLines {
                let line = lines[index]
                guard line.start < line.contentEnd else { continue }
                if usesFastPaths, let starts = rule.lineStartBytes, !starts.contains(bytes[line.start]) { continue }
                try collector.add(line.start..<line.contentEnd, lineHint: index)
            }
        case .paragraph:
            for hit in previousHits {
                guard let oldParagraph = plan.previousParagraphByStart[hit.unit.lowerBound],
                      plan.previous.paragraphs[oldParagraph].range == hit.unit,
                      let newParagraph = plan.newParagraph[oldParagraph] else { continue }
                let delta = document.paragraphs[newParagraph].range.lowerBound - hit.unit.lowerBound
                let oldLines = plan.previous.paragraphs[oldParagraph].lines
                let newLines = document.paragraphs[newParagraph].lines
                collector.hits.append(hit.moved(by: delta, toLine: hit.line - oldLines.lowerBound + newLines.lowerBound))
            }
            for index in plan.changedParagraphs { try collector.add(document.paragraphs[index].range, lineHint: nil) }
        case .document:
            return try collectHits(rule, matcher: matcher, context: context)
        }
        collector.hits.sort { ($0.match.range.lowerBound, $0.match.range.upperBound) < ($1.match.range.lowerBound, $1.match.range.upperBound) }
        return collector.hits
    }

    /// Matches a rule in scope units, honouring its size gates and its `unless` pattern.
    private struct HitCollector {
        let rule: CompiledRule
        let matcher: UnitMatcher
        let sizes: CheckContext
        let sizeGated: Bool
        var hits: [Hit] = []
        private var unlessCache: (unit: Range<Int>, vetoed: Bool)?

        init(rule: CompiledRule, matcher: UnitMatcher, sizes: CheckContext) {
            self.rule = rule
            self.matcher = matcher
            self.sizes = sizes
            sizeGated = rule.rule.gates.maxChars != nil || rule.rule.gates.maxWords != nil
        }

        mutating func add(_ unit: Range<Int>, lineHint: Int?) throws(PCRE2Error) {
            // Size gates are cheaper than any pattern: a unit too long for them is never matched.
            if sizeGated && !sizes.fits(unit, rule.rule.gates) { return }
            // Most units do not match: when the text is valid UTF-8 throughout, one direct call says so.
            if matcher.isValidThroughout {
                let subject = UnsafeBufferPointer(rebasing: matcher.buffer[unit])
                if try rule.pattern.firstMatch(in: subject, limits: rule.limits, scratch: matcher.scratch) == nil { return }
            }
            let document = matcher.document
            var found: [Hit] = []
            var cache = unlessCache
            let rule = self.rule
            let matcher = self.matcher
            try matcher.forEachMatch(rule.pattern, in: unit, limits: rule.limits) { match throws(PCRE2Error) in
                if let unless = rule.unless {
                    if cache?.unit != unit {
                        cache = (unit, try matcher.matches(unless, in: unit, limits: rule.limits))
                    }
                    if cache!.vetoed { return false }
                }
                let line = lineHint ?? document.lineIndex(containing: match.range.lowerBound)
                found.append(Hit(match: match, unit: unit, line: line))
                return true
            }
            unlessCache = cache
            hits.append(contentsOf: found)
        }
    }

    /// Whether `range` of `bytes` holds one of `targets` (one or two bytes), with `memchr`.
    @inline(__always)
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, anyOf targets: [UInt8]) -> Bool {
        let start = bytes.baseAddress! + range.lowerBound
        for target in targets where memchr(start, Int32(target), range.count) != nil { return true }
        return false
    }

    private func makeViolation(_ rule: CompiledRule, hit: Hit, document: Document, buffer: UnsafeBufferPointer<UInt8>) -> Violation {
        let match = hit.match
        let message = rendersMessages ? String(decoding: rule.message.expand(match, in: buffer), as: UTF8.self) : ""
        return Violation(
            ruleIndex: rule.index, ruleID: rule.id, severity: rule.rule.severity, range: match.range,
            message: message, fix: makeFix(rule, hit: hit, document: document, buffer: buffer))
    }

    private func makeFix(_ rule: CompiledRule, hit: Hit, document: Document, buffer: UnsafeBufferPointer<UInt8>) -> Fix? {
        let range = hit.match.range
        let lines = document.lines
        let safety = rule.fixSafety
        switch rule.rule.fix {
        case .none:
            return nil
        case .deleteMatch:
            return range.isEmpty ? nil : Fix(edits: [Edit(range: range)], safety: safety)
        case .replace:
            let replacement = rule.replacement?.expand(hit.match, in: buffer) ?? []
            if buffer[range].elementsEqual(replacement) { return nil }
            return Fix(edits: [Edit(range: range, replacement: replacement)], safety: safety)
        case .deleteLine:
            let first = hit.line
            let last = range.isEmpty ? first : document.lineIndex(containing: range.upperBound - 1)
            return Fix(edits: [Edit(range: lines[first].start..<lines[last].end)], safety: safety)
        case .deleteParagraph:
            guard let paragraph = document.paragraph(containingLine: hit.line) else {
                return Fix(edits: [Edit(range: lines[hit.line].start..<lines[hit.line].end)], safety: safety)
            }
            return Fix(edits: [Edit(range: lines[paragraph.lines.lowerBound].start..<lines[paragraph.lines.upperBound - 1].end)], safety: safety)
        }
    }
}
