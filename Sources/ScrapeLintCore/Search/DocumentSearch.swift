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
    /// Sizes of the lines and paragraphs measured in full, by index (`-1`: not measured in full yet).
    private var lineSizes: [(words: Int32, characters: Int32)] = []
    private var paragraphSizes: [(words: Int32, characters: Int32)] = []

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

    /// True when the one-pass prefilter covers rule `index` in this document and found no unit for it:
    /// then the rule has no candidate (``candidateLines(of:among:budget:)`` and
    /// ``candidateParagraphs(of:among:)`` would answer `[]`), and the checker skips it without asking more.
    func prefilterFoundNothing(forRule index: Int) -> Bool {
        guard let multiPattern, let slot = plan.prefilterSlot[index] else { return false }
        return multiPattern.units(slot)?.isEmpty ?? false
    }

    /// The paragraphs (ascending indices) a paragraph rule may match; `among` as for lines.
    func candidateParagraphs(of rule: CompiledRule, among: [Int]? = nil) -> [Int] {
        // A paragraph-start rule: only paragraphs whose first byte can start a match (valid UTF-8 only, where
        // `\A` means the paragraph's start).
        let paragraphs = document.paragraphs
        let starts = exhaustive || !document.isValidUTF8 ? nil : rule.paragraphStartBytes
        func startsRight(_ index: Int) -> Bool { starts!.contains(buffer[paragraphs[index].range.lowerBound]) }
        if let among { return starts == nil ? among : among.filter(startsRight) }
        if let slot = plan.prefilterSlot[rule.index], let multiPattern, let units = multiPattern.units(slot) {
            return units
        }
        if starts != nil { return paragraphs.indices.filter(startsRight) }
        return Array(paragraphs.indices)
    }

    /// The non-empty lines whose first byte can start a match of the line-start rule in `slot` (one pass
    /// over the lines for all such rules that the Vectorscan pass does not cover).
    private func lineStartLines(_ slot: Int) -> [Int] {
        // The lists of all slots hold line indices in 4 bytes; a document of more lines is searched slot
        // by slot (one pass over its lines per rule instead of one for all).
        guard document.lines.count < narrowLineLimit else {
            let words = plan.lineStartMasks.map { $0[slot / 64] }
            let bit = UInt64(1) << UInt64(slot % 64)
            return document.lines.indices.filter { index in
                let line = document.lines[index]
                return line.start < line.contentEnd && words[Int(buffer[line.start])] & bit != 0
            }
        }
        if lineStartCandidates == nil { lineStartCandidates = allLineStartLines() }
        return lineStartCandidates![slot].map { Int($0) }
    }

    /// Documents of this many lines or more get no 4-byte line lists (see ``lineStartLines(_:)``); tests
    /// lower it to reach that path without 2^32 lines.
    var narrowLineLimit = IndexTable.narrowLimit

    private func allLineStartLines() -> [[UInt32]] {
        var lists = [[UInt32]](repeating: [], count: plan.lineStartSlotCount)
        let masks = plan.lineStartMasks
        var needed = [UInt64](repeating: 0, count: (plan.lineStartSlotCount + 63) / 64)
        for (other, ruleIndex) in plan.lineStartRules.enumerated() {
            if let expression = plan.prefilterSlot[ruleIndex], let multiPattern, multiPattern.units(expression) != nil { continue }
            needed[other / 64] |= 1 << UInt64(other % 64)
        }
        for (index, line) in document.lines.enumerated() where line.start < line.contentEnd {
            let words = masks[Int(buffer[line.start])]
            for word in words.indices {
                var bits = words[word] & needed[word]
                while bits != 0 {
                    lists[word * 64 + bits.trailingZeroBitCount].append(UInt32(index))
                    bits &= bits - 1
                }
            }
        }
        return lists
    }

    /// Whether a scope unit meets the `max-chars` and `max-words` gates. A line (`line`) or paragraph
    /// (`paragraph`) measured in full is measured once; a unit over a gate is measured only until that is
    /// clear (about as many bytes as the gate allows).
    /// The two limits come alone, not as ``Gates``: a per-unit copy of its arrays cost a retain and a release
    /// each.
    func fits(_ unit: Range<Int>, maxChars: Int?, maxWords: Int?, line: Int? = nil, paragraph: Int? = nil) -> Bool {
        // A unit with no more bytes than a limit is within it (characters and words are at most bytes).
        let maxChars = maxChars.flatMap { unit.count > $0 ? $0 : nil }
        let maxWords = maxWords.flatMap { unit.count > $0 ? $0 : nil }
        guard maxChars != nil || maxWords != nil else { return true }
        func within(_ size: (words: Int, characters: Int)) -> Bool {
            !(maxChars.map { size.characters > $0 } ?? false) && !(maxWords.map { size.words > $0 } ?? false)
        }
        if let line, !lineSizes.isEmpty, lineSizes[line].words >= 0 {
            return within((Int(lineSizes[line].words), Int(lineSizes[line].characters)))
        }
        if let paragraph, !paragraphSizes.isEmpty, paragraphSizes[paragraph].words >= 0 {
            return within((Int(paragraphSizes[paragraph].words), Int(paragraphSizes[paragraph].characters)))
        }
        let size = ByteCounting.measure(UnsafeBufferPointer(rebasing: buffer[unit]), stoppingAbove: maxWords ?? Int.max, maxChars ?? Int.max)
        // Counts of a unit measured in full are kept (a line or paragraph under 2 GB); a partial count
        // only says that the unit is over a gate.
        if size.complete, size.characters <= Int(Int32.max) {
            let stored = (Int32(size.words), Int32(size.characters))
            if let line {
                if lineSizes.isEmpty { lineSizes = Array(repeating: (-1, -1), count: document.lines.count) }
                lineSizes[line] = stored
            } else if let paragraph {
                if paragraphSizes.isEmpty { paragraphSizes = Array(repeating: (-1, -1), count: document.paragraphs.count) }
                paragraphSizes[paragraph] = stored
            }
        }
        return within((size.words, size.characters))
    }

    /// Whether `range` of `bytes` holds one of `targets` (one or two bytes), with `memchr`.
    @inline(__always)
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, anyOf targets: [UInt8]) -> Bool {
        let start = bytes.baseAddress! + range.lowerBound
        for target in targets where memchr(start, Int32(target), range.count) != nil { return true }
        return false
    }
}
