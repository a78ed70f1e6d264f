import Foundation
import PCRE2

/// The search stage for one document: for each rule, the scope units (line or paragraph indices) it may
/// match, from the prefilters of the rule set's ``SearchPlan``. Each answer is a superset of the units
/// PCRE2 then finds matches in; facts several rules share (one Vectorscan pass, one pass over line
/// starts, unit sizes for size gates) are computed once per document, when first asked.
final class DocumentSearch {
    let document: Document
    let buffer: UnsafeBufferPointer<UInt8>
    let plan: SearchPlan
    let matcher: UnitMatcher
    /// When true no prefilter is used: every non-empty line and every paragraph is a candidate
    /// (`--no-prefilter`, and the reference the exactness tests compare against).
    let exhaustive: Bool
    private let multiPattern: MultiPatternPass?
    /// Per line-start slot, the candidate lines, in 4 bytes each (a large text has millions of entries
    /// over all slots; issue 13 item 6).
    private var lineStartCandidates: [[UInt32]]?
    private var sizes: [Range<Int>: (words: Int, characters: Int)] = [:]

    init(document: Document, buffer: UnsafeBufferPointer<UInt8>, plan: SearchPlan, matcher: UnitMatcher,
         exhaustive: Bool, multiPattern: MultiPatternPass?) {
        self.document = document
        self.buffer = buffer
        self.plan = plan
        self.matcher = matcher
        self.exhaustive = exhaustive
        self.multiPattern = exhaustive ? nil : multiPattern
    }

    /// The lines (ascending indices) a line rule may match. `among` restricts the answer to those lines
    /// (the lines a fix changed); nil means the whole document.
    func candidateLines(of rule: CompiledRule, among: [Int]? = nil, budget: MatchBudget) throws(PCRE2Error) -> [Int] {
        let lines = document.lines
        func nonEmpty(_ index: Int) -> Bool { lines[index].start < lines[index].contentEnd }
        if exhaustive {
            return (among ?? Array(lines.indices)).filter(nonEmpty)
        }
        let filters = rule.linePrefilters
        if let among {
            // Changed lines only: the per-line prefilters, no pass over the whole text.
            return among.filter { index in
                guard nonEmpty(index) else { return false }
                if let starts = filters.lineStartBytes { return starts.contains(buffer[lines[index].start]) }
                if let required = filters.requiredBytes { return DocumentSearch.contains(buffer, lines[index].start..<lines[index].contentEnd, anyOf: required) }
                return true
            }
        }
        if let slot = plan.prefilterSlot[rule.index], let multiPattern, let units = multiPattern.units(slot) {
            return units
        }
        if let slot = plan.lineStartSlot[rule.index] { return lineStartLines(slot) }
        if let required = filters.requiredBytes {
            return lines.indices.filter { nonEmpty($0) && DocumentSearch.contains(buffer, lines[$0].start..<lines[$0].contentEnd, anyOf: required) }
        }
        if let finder = filters.multilineFinder {
            var found: [Int] = []
            try matcher.candidateLines(finder, limits: rule.limits, budget: budget) { index in
                if nonEmpty(index) { found.append(index) }
            }
            return found
        }
        return lines.indices.filter(nonEmpty)
    }

    /// The paragraphs (ascending indices) a paragraph rule may match; `among` as for lines.
    func candidateParagraphs(of rule: CompiledRule, among: [Int]? = nil) -> [Int] {
        if let among { return among }
        if let slot = plan.prefilterSlot[rule.index], let multiPattern, let units = multiPattern.units(slot) {
            return units
        }
        return Array(document.paragraphs.indices)
    }

    /// The non-empty lines whose first byte can start a match of the line-start rule in `slot` (one pass
    /// over the lines for all such rules).
    private func lineStartLines(_ slot: Int) -> [Int] {
        if lineStartCandidates == nil { lineStartCandidates = allLineStartLines() }
        return lineStartCandidates![slot].map { Int($0) }
    }

    private func allLineStartLines() -> [[UInt32]] {
        precondition(document.lines.count < Int(UInt32.max), "more than 2^32 - 1 lines")
        var lists = [[UInt32]](repeating: [], count: plan.lineStartSlotCount)
        let masks = plan.lineStartMasks
        for (index, line) in document.lines.enumerated() where line.start < line.contentEnd {
            let words = masks[Int(buffer[line.start])]
            for word in words.indices {
                var bits = words[word]
                while bits != 0 {
                    lists[word * 64 + bits.trailingZeroBitCount].append(UInt32(index))
                    bits &= bits - 1
                }
            }
        }
        return lists
    }

    /// Whether a scope unit meets the `max-chars` and `max-words` gates; each unit is measured once.
    func fits(_ unit: Range<Int>, _ gates: Gates) -> Bool {
        // A unit with no more bytes than a limit is within it (characters and words are at most bytes).
        let needsChars = gates.maxChars.map { unit.count > $0 } ?? false
        let needsWords = gates.maxWords.map { unit.count > $0 } ?? false
        guard needsChars || needsWords else { return true }
        let size = measure(unit)
        if needsChars, size.characters > gates.maxChars! { return false }
        if needsWords, size.words > gates.maxWords! { return false }
        return true
    }

    private func measure(_ unit: Range<Int>) -> (words: Int, characters: Int) {
        if let size = sizes[unit] { return size }
        let (words, characters) = ByteCounting.measure(UnsafeBufferPointer(rebasing: buffer[unit]))
        sizes[unit] = (words, characters)
        return (words, characters)
    }

    /// Whether `range` of `bytes` holds one of `targets` (one or two bytes), with `memchr`.
    @inline(__always)
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, anyOf targets: [UInt8]) -> Bool {
        let start = bytes.baseAddress! + range.lowerBound
        for target in targets where memchr(start, Int32(target), range.count) != nil { return true }
        return false
    }
}
