import PCRE2

/// Runs patterns over scope units of a document, honouring invalid UTF-8: only valid segments are given
/// to PCRE2 (which then needs no UTF check), and a segment that does not start or end its unit is matched
/// with NOTBOL / NOTEOL so that `^` and `$` keep meaning the unit's edges.
///
/// A class: every rule's collector holds it, and copies of a struct holding a document cost a retain and
/// release per array per rule per document.
final class UnitMatcher {
    let document: Document
    let buffer: UnsafeBufferPointer<UInt8>
    let scratch: MatchScratch
    /// True when the whole text is valid UTF-8 (one segment), so any unit can be matched directly.
    let isValidThroughout: Bool

    init(document: Document, buffer: UnsafeBufferPointer<UInt8>, scratch: MatchScratch) {
        self.document = document
        self.buffer = buffer
        self.scratch = scratch
        isValidThroughout = document.isValidUTF8
    }

    /// Calls `body` with the range of every match of `pattern` inside `unit` (absolute offsets) and the
    /// offset its subject started at (for ``Pattern/groups(in:shiftedBy:)``, valid until the scratch is used
    /// again); `body` returns false to stop. No ``Match`` is built: most callers need only the range.
    func forEachMatch(
        _ pattern: Pattern, in unit: Range<Int>, limits: MatchLimits,
        _ body: (_ range: Range<Int>, _ subjectStart: Int) throws(PCRE2Error) -> Bool
    ) throws(PCRE2Error) {
        // The whole text valid: the unit is one subject (the common case, without the segment search).
        if isValidThroughout && !buffer.isEmpty {
            let subject = UnsafeBufferPointer(rebasing: buffer[unit])
            let lower = unit.lowerBound
            try pattern.forEachMatchRange(in: subject, limits: limits, scratch: scratch) { range throws(PCRE2Error) in
                try body((range.lowerBound + lower)..<(range.upperBound + lower), lower)
            }
            return
        }
        let segments = document.validSegments
        var index = firstSegment(endingAfter: unit.lowerBound)
        while index < segments.count, segments[index].lowerBound <= unit.upperBound {
            let segment = segments[index]
            index += 1
            let lower = max(segment.lowerBound, unit.lowerBound)
            let upper = min(segment.upperBound, unit.upperBound)
            guard lower < upper || (unit.isEmpty && lower == upper) else { continue }
            var options: MatchOptions = []
            if lower != unit.lowerBound { options.insert(.notBOL) }
            if upper != unit.upperBound { options.insert(.notEOL) }
            let subject = UnsafeBufferPointer(rebasing: buffer[lower..<upper])
            var keepGoing = true
            try pattern.forEachMatchRange(in: subject, options: options, limits: limits, scratch: scratch) { range throws(PCRE2Error) in
                keepGoing = try body((range.lowerBound + lower)..<(range.upperBound + lower), lower)
                return keepGoing
            }
            if !keepGoing { return }
        }
    }

    /// The index of the document's line holding byte `offset`.
    func lineIndex(containing offset: Int) -> Int { document.lineIndex(containing: offset) }

    /// True when `pattern` matches anywhere in `unit`.
    func matches(_ pattern: Pattern, in unit: Range<Int>, limits: MatchLimits) throws(PCRE2Error) -> Bool {
        var found = false
        try forEachMatch(pattern, in: unit, limits: limits) { _, _ in
            found = true
            return false
        }
        return found
    }

    /// Line indices whose line may hold a match of a line rule, found with its multiline twin over whole
    /// segments instead of one call per line. Each candidate line must then be matched on its own.
    func candidateLines(_ finder: Pattern, limits: MatchLimits, budget: MatchBudget, _ body: (Int) throws(PCRE2Error) -> Void) throws(PCRE2Error) {
        let lines = document.lines
        guard !lines.isEmpty else { return }
        let bytes = buffer
        var resume = document.contentStart
        for segment in document.validSegments where segment.upperBound > resume {
            // The subject starts at the segment or at the content start (after a BOM), whichever is later.
            let base = max(segment.lowerBound, document.contentStart)
            guard base < segment.upperBound else { continue }
            var options: MatchOptions = []
            if base > document.contentStart, bytes[base - 1] != 0x0A, bytes[base - 1] != 0x0D { options.insert(.notBOL) }
            if segment.upperBound < bytes.count, bytes[segment.upperBound] != 0x0A, bytes[segment.upperBound] != 0x0D {
                options.insert(.notEOL)
            }
            let subject = UnsafeBufferPointer(rebasing: bytes[base..<segment.upperBound])
            let limits = budget.limits(limits, subjectLength: subject.count)
            var position = max(resume, base) - base
            while position <= subject.count {
                guard let match = try finder.firstMatchRange(in: subject, from: position, options: options, limits: limits, scratch: scratch)
                else { break }
                let lineIndex = document.lineIndex(containing: match.lowerBound + base)
                try body(lineIndex)
                resume = lines[lineIndex].end
                if resume >= segment.upperBound || lineIndex == lines.count - 1 { break }
                position = resume - base
            }
            if resume >= document.bytes.count { break }
        }
    }

    private func firstSegment(endingAfter offset: Int) -> Int {
        let segments = document.validSegments
        var low = 0
        var high = segments.count
        while low < high {
            let mid = (low + high) / 2
            if segments[mid].upperBound < offset { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
