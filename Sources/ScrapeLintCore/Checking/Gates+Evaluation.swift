import PCRE2

/// Facts about a document that gates need, computed once and only when a gate asks.
struct GateContext {
    let document: Document
    private var nonBlankOrdinals: [Int]?
    private(set) var nonBlankCount = 0

    init(document: Document) { self.document = document }

    /// For each line, how many non-blank lines come before it.
    mutating func ordinals() -> [Int] {
        if let nonBlankOrdinals { return nonBlankOrdinals }
        var ordinals: [Int] = []
        ordinals.reserveCapacity(document.lines.count)
        var count = 0
        for line in document.lines {
            ordinals.append(count)
            if !line.isBlank { count += 1 }
        }
        nonBlankOrdinals = ordinals
        nonBlankCount = count
        return ordinals
    }
}

extension Checker {
    /// Keeps the hits of `rule` that pass all its gates. `accepted` holds the final hits of the rules
    /// evaluated before (every rule a `near` gate names comes earlier).
    func applyGates(
        _ rule: CompiledRule, to hits: [Hit], matcher: UnitMatcher, context: inout GateContext, accepted: RuleHits
    ) throws(PCRE2Error) -> [Hit] {
        let gates = rule.rule.gates
        guard !gates.isEmpty else { return hits }
        var kept = hits

        // max-words and max-chars are applied before matching (DocumentSearch.fits), so no unit here exceeds them.
        if let zone = gates.zone {
            let ordinals = context.ordinals()
            let allowed = zone.lineRange(lineCount: context.nonBlankCount)
            kept = kept.filter { allowed.contains(ordinals[$0.line]) }
        }
        if let minRun = gates.minRun, minRun > 1 {
            kept = Checker.keepRuns(kept, minRun: minRun, lines: matcher.document.lines)
        }
        if let near = gates.near {
            var anchorLines: [Int] = []
            for id in near.rules {
                if let anchor = ruleSet[id] { anchorLines.append(contentsOf: accepted[anchor.index].map(\.line)) }
            }
            anchorLines.sort()
            kept = kept.filter { hit in
                Checker.hasNeighbour(anchorLines, around: hit.line, within: near.lines)
            }
        }
        let lineCount = matcher.document.lines.count
        /// The lines of the hits the rules `ids` accepted.
        func anchorLines(_ ids: [String]) -> LineSet {
            var lines = LineSet(count: lineCount)
            for id in ids {
                if let anchor = ruleSet[id] { for hit in accepted[anchor.index] { lines.insert(hit.line) } }
            }
            return lines
        }
        if let follows = gates.follows {
            kept = Checker.keepRunsAfter(kept, anchors: anchorLines(follows), lines: matcher.document.lines)
        }
        if let joins = gates.joins {
            kept = Checker.keepBlocksJoining(kept, anchors: anchorLines(joins))
        }
        return kept
    }

    /// Keeps hits on blocks of matched lines with consecutive line numbers (a blank line or an unmatched line
    /// ends a block) that hold an anchor line or have one right above or below them.
    static func keepBlocksJoining(_ hits: [Hit], anchors: LineSet) -> [Hit] {
        guard !anchors.isEmpty, !hits.isEmpty else { return [] }
        let matched = LineSet(hits.lazy.map(\.line), count: anchors.count)
        var keptLines = LineSet(count: anchors.count)
        var next = matched.next(from: 0)
        while let first = next {
            var last = first
            var holdsAnchor = anchors.contains(first)
            while matched.contains(last + 1) {
                last += 1
                if anchors.contains(last) { holdsAnchor = true }
            }
            if holdsAnchor || anchors.contains(first - 1) || anchors.contains(last + 1) { keptLines.insert(first...last) }
            next = matched.next(from: last + 1)
        }
        return hits.filter { keptLines.contains($0.line) }
    }

    /// Keeps hits on lines that follow an anchor line through matched lines only (blank lines pass): one
    /// pass down the document, switched on by an anchor line and off by any other unmatched line. An anchor
    /// line that this rule matches too is kept only when an earlier anchor reaches it. Switched off, the pass
    /// goes straight to the next anchor line (nothing before it can be kept).
    static func keepRunsAfter(_ hits: [Hit], anchors: LineSet, lines: [Document.Line]) -> [Hit] {
        guard !anchors.isEmpty, !hits.isEmpty else { return [] }
        let matched = LineSet(hits.lazy.map(\.line), count: lines.count)
        let last = min(max(matched.last!, anchors.last!), lines.count - 1)
        var keptLines = LineSet(count: lines.count)
        var active = false
        var line = 0
        while line <= last {
            if !active {
                guard let anchor = anchors.next(from: line), anchor <= last else { break }
                line = anchor
            }
            if !lines[line].isBlank {
                let isMatched = matched.contains(line)
                if isMatched && active { keptLines.insert(line) }
                if anchors.contains(line) {
                    active = true
                } else if !isMatched {
                    active = false
                }
            }
            line += 1
        }
        return hits.filter { keptLines.contains($0.line) }
    }

    /// Keeps hits on runs of at least `minRun` consecutive matched lines; blank lines between matched lines do
    /// not break a run.
    static func keepRuns(_ hits: [Hit], minRun: Int, lines: [Document.Line]) -> [Hit] {
        let matchedLines = LineSet(hits.lazy.map(\.line), count: lines.count).sorted
        var keptLines = LineSet(count: lines.count)
        var run: [Int] = []
        func close() {
            if run.count >= minRun { for line in run { keptLines.insert(line) } }
            run = []
        }
        for line in matchedLines {
            if let last = run.last {
                let between = (last + 1)..<line
                if !between.allSatisfy({ lines[$0].isBlank }) { close() }
            }
            run.append(line)
        }
        close()
        return hits.filter { keptLines.contains($0.line) }
    }

    static func hasNeighbour(_ sortedLines: [Int], around line: Int, within distance: Int) -> Bool {
        var low = 0
        var high = sortedLines.count
        while low < high {
            let mid = (low + high) / 2
            if sortedLines[mid] < line - distance { low = mid + 1 } else { high = mid }
        }
        return low < sortedLines.count && sortedLines[low] <= line + distance
    }
}
