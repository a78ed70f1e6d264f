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
        if let follows = gates.follows {
            var anchorLines = Set<Int>()
            for id in follows {
                if let anchor = ruleSet[id] { anchorLines.formUnion(accepted[anchor.index].map(\.line)) }
            }
            kept = Checker.keepRunsAfter(kept, anchors: anchorLines, lines: matcher.document.lines)
        }
        if let joins = gates.joins {
            var anchorLines = Set<Int>()
            for id in joins {
                if let anchor = ruleSet[id] { anchorLines.formUnion(accepted[anchor.index].map(\.line)) }
            }
            kept = Checker.keepBlocksJoining(kept, anchors: anchorLines)
        }
        return kept
    }

    /// Keeps hits on blocks of matched lines with consecutive line numbers (a blank line or an unmatched line
    /// ends a block) that hold an anchor line or have one right above or below them.
    static func keepBlocksJoining(_ hits: [Hit], anchors: Set<Int>) -> [Hit] {
        guard !anchors.isEmpty, !hits.isEmpty else { return [] }
        let matched = Set(hits.map(\.line))
        var keptLines = Set<Int>()
        var block: [Int] = []
        func close() {
            guard let first = block.first, let last = block.last else { return }
            if block.contains(where: anchors.contains) || anchors.contains(first - 1) || anchors.contains(last + 1) {
                keptLines.formUnion(block)
            }
            block = []
        }
        for line in matched.sorted() {
            if let last = block.last, line != last + 1 { close() }
            block.append(line)
        }
        close()
        return hits.filter { keptLines.contains($0.line) }
    }

    /// Keeps hits on lines that follow an anchor line through matched lines only (blank lines pass): one
    /// pass down the document, switched on by an anchor line and off by any other unmatched line. An anchor
    /// line that this rule matches too is kept only when an earlier anchor reaches it.
    static func keepRunsAfter(_ hits: [Hit], anchors: Set<Int>, lines: [Document.Line]) -> [Hit] {
        guard !anchors.isEmpty, !hits.isEmpty else { return [] }
        let matched = Set(hits.map(\.line))
        let last = max(matched.max()!, anchors.max()!)
        var keptLines = Set<Int>()
        var active = false
        for line in 0...min(last, lines.count - 1) where !lines[line].isBlank {
            if matched.contains(line) && active { keptLines.insert(line) }
            if anchors.contains(line) {
                active = true
            } else if !matched.contains(line) {
                active = false
            }
        }
        return hits.filter { keptLines.contains($0.line) }
    }

    /// Keeps hits on runs of at least `minRun` consecutive matched lines; blank lines between matched lines do
    /// not break a run.
    static func keepRuns(_ hits: [Hit], minRun: Int, lines: [Document.Line]) -> [Hit] {
        let matchedLines = Array(Set(hits.map(\.line))).sorted()
        var keptLines = Set<Int>()
        var run: [Int] = []
        func close() {
            if run.count >= minRun { keptLines.formUnion(run) }
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
