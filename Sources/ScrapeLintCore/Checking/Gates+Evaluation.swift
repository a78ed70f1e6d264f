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
        _ rule: CompiledRule, to hits: [Hit], matcher: UnitMatcher, context: inout GateContext, accepted: [[Hit]]
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
        return kept
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
