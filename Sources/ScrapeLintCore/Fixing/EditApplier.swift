/// Applies one pass of fixes to a document: picks non-overlapping edits, turns lines that the edits empty
/// into whole-line deletions, tidies the blank lines the deletions leave, and writes the new bytes.
///
/// Everything outside the chosen edits is copied byte for byte. Kept lines keep their own terminators, and
/// a BOM before the first line always stays.
struct EditApplier {
    let document: Document
    /// Whether ``Outcome/spans`` are recorded (only the edit log needs them).
    var recordsSpans = true

    init(document: Document, recordsSpans: Bool = true) {
        self.document = document
        self.recordsSpans = recordsSpans
    }

    struct Outcome {
        let bytes: [UInt8]
        /// Indices (into the violations given) of the fixes applied or made moot by a larger deletion.
        let applied: [Int]
        /// Indices of fixes that overlapped an applied one and must wait for the next pass.
        let deferred: [Int]
        /// What each applied fix removed, indexed like the violations given (zero for the others).
        let removed: [Removal]
        /// What tidying removed (blank lines left by deletions, owned by ``EditApplier/tidyOwner``).
        let tidied: Removal
        /// Runs of lines copied untouched: previous line indices, and how far their bytes moved (each starts
        /// at its previous start plus `shift` in ``bytes``). Claims, checked byte for byte by whoever relies
        /// on them. Runs, not lines: a large text has millions of lines and far fewer edits (issue 13 item 6).
        let copiedRuns: [CopiedRun]
        /// What the rendering replaced, in this document's offsets: sorted, not overlapping, each with its
        /// owner (a violation index or ``EditApplier/tidyOwner``). Recorded by ``render(_:owners:)`` as it
        /// writes, so that it says exactly what was replaced where (for the edit log), however the byte
        /// edits and the deleted lines of the pass met.
        var spans: [OwnedEdit] = []
    }

    /// Consecutive previous lines copied untouched, all moved by the same number of bytes.
    struct CopiedRun: Equatable {
        var lines: Range<Int>
        let shift: Int
    }

    /// Bytes (net of replacements) and whole lines a fix took out.
    struct Removal: Equatable {
        var bytes = 0
        var lines = 0
    }

    /// The owner of blank lines removed by tidying.
    static let tidyOwner = -1
    /// Marks a kept line in the per-line owner table.
    static let kept = -2

    /// An edit and the violation it belongs to.
    typealias OwnedEdit = (edit: Edit, owner: Int)

    func apply(_ violations: [Violation]) -> Outcome {
        let chosen = chooseEdits(violations)
        let lines = document.lines
        var owners = [Int](repeating: EditApplier.kept, count: lines.count)
        var byteEdits: [OwnedEdit] = []

        // Whole-line deletions are tracked per line; everything else stays a byte edit. The edits come sorted,
        // so the line of each is found by walking on from the last one's (no binary search per edit).
        var cursor = 0
        for (edit, owner) in chosen.edits {
            let first: Int
            if lines.isEmpty {
                first = 0
            } else if edit.range.lowerBound < lines[cursor].start {
                first = document.lineIndex(containing: edit.range.lowerBound)
            } else {
                while cursor + 1 < lines.count, lines[cursor + 1].start <= edit.range.lowerBound { cursor += 1 }
                first = cursor
            }
            var index = first
            var coversWholeLines = edit.isDeletion && !lines.isEmpty && lines[first].start == edit.range.lowerBound
            if coversWholeLines {
                while index < lines.count, lines[index].end <= edit.range.upperBound { index += 1 }
                coversWholeLines = index > first && lines[index - 1].end == edit.range.upperBound
            }
            if coversWholeLines {
                for line in first..<index { owners[line] = owner }
            } else {
                byteEdits.append((edit, owner))
            }
        }
        byteEdits = promoteEmptiedLines(byteEdits, owners: &owners)
        tidyBlankLines(&owners)
        var applied = chosen.applied
        var deferred = chosen.deferred
        byteEdits = withoutEditsIntoDeletedLines(byteEdits, owners: owners, applied: &applied, deferred: &deferred)
        let keptBreaks = keepBreaksApart(&byteEdits, owners: &owners)
        // An array by violation, not a dictionary: one entry per fix applied, of a large text too.
        var removed = [Removal](repeating: Removal(), count: violations.count)
        var tidied = Removal()
        func add(_ owner: Int, lines: Int, bytes: Int) {
            if owner == EditApplier.tidyOwner {
                tidied.lines += lines
                tidied.bytes += bytes
            } else {
                removed[owner].lines += lines
                removed[owner].bytes += bytes
            }
        }
        for (index, owner) in owners.enumerated() where owner != EditApplier.kept {
            add(owner, lines: 1, bytes: lines[index].end - lines[index].start)
        }
        for (edit, owner) in byteEdits {
            // A deleted line whose last byte stays to keep two breaks apart still counts as a line removed.
            add(owner, lines: keptBreaks.contains(edit.range.lowerBound) ? 1 : 0, bytes: edit.range.count - edit.replacement.count)
        }
        let edits = byteEdits.map(\.edit)
        let rendered = render(byteEdits, owners: owners)
        return Outcome(bytes: rendered.bytes, applied: applied,
                       deferred: deferred, removed: removed, tidied: tidied, copiedRuns: copiedRuns(edits, owners: owners),
                       spans: rendered.spans)
    }

    /// Sorted edits with no overlaps: on overlap the earlier (then longer) edit wins, an edit inside a chosen
    /// deletion is moot, and the others are deferred to the next pass.
    private func chooseEdits(_ violations: [Violation]) -> (edits: [OwnedEdit], applied: [Int], deferred: [Int]) {
        var candidates: [(edit: Edit, violation: Int)] = []
        candidates.reserveCapacity(violations.count)
        for (index, violation) in violations.enumerated() {
            violation.fix?.forEachEdit { candidates.append(($0, index)) }
        }
        candidates.sort {
            ($0.edit.range.lowerBound, -$0.edit.range.upperBound, $0.violation)
                < ($1.edit.range.lowerBound, -$1.edit.range.upperBound, $1.violation)
        }
        var edits: [OwnedEdit] = []
        edits.reserveCapacity(candidates.count)
        // Flags by violation, not sets: a large text has a hundred thousand fixes.
        var isApplied = [Bool](repeating: false, count: violations.count)
        var isDeferred = [Bool](repeating: false, count: violations.count)
        for (edit, violation) in candidates {
            if let last = edits.last?.edit {
                if edit == last {
                    isApplied[violation] = true
                    continue
                }
                if edit.range.lowerBound < last.range.upperBound
                    || (edit.range.isEmpty && edit.range.lowerBound == last.range.upperBound && last.range.isEmpty) {
                    if last.isDeletion && edit.range.upperBound <= last.range.upperBound && edit.range.lowerBound >= last.range.lowerBound {
                        isApplied[violation] = true
                    } else {
                        isDeferred[violation] = true
                    }
                    continue
                }
            }
            edits.append((edit, violation))
            isApplied[violation] = true
        }
        // A fix with several edits is applied only if all of them were; otherwise it waits as a whole.
        let partial = violations.indices.filter { isApplied[$0] && isDeferred[$0] }
        if !partial.isEmpty {
            let keep = violations.indices.filter { !(isApplied[$0] && isDeferred[$0]) }
            let retry = chooseEdits(keep.map { violations[$0] })
            return (retry.edits.map { ($0.edit, keep[$0.owner]) }, retry.applied.map { keep[$0] },
                    (retry.deferred.map { keep[$0] } + partial).sorted())
        }
        return (edits, violations.indices.filter { isApplied[$0] }, violations.indices.filter { isDeferred[$0] })
    }

    /// Lines whose remaining text is only spaces and tabs after deletions are deleted whole, so that no
    /// blank debris is left where noise stood. Lines blank from the start are not touched.
    private func promoteEmptiedLines(_ edits: [OwnedEdit], owners: inout [Int]) -> [OwnedEdit] {
        let lines = document.lines
        let bytes = document.bytes
        // (line, edit position) for every line each edit touches, by line then position (not a dictionary of
        // arrays: one allocation per touched line of a large text).
        var touches: [(line: Int, position: Int)] = []
        touches.reserveCapacity(edits.count)
        for (position, owned) in edits.enumerated() {
            let range = owned.edit.range
            let first = document.lineIndex(containing: range.lowerBound)
            let last = range.isEmpty ? first : document.lineIndex(containing: max(range.lowerBound, range.upperBound - 1))
            for line in first...last { touches.append((line, position)) }
        }
        if !touches.indices.dropFirst().allSatisfy({ touches[$0 - 1] < touches[$0] }) { touches.sort { $0 < $1 } }
        var moot = [Bool](repeating: false, count: edits.count)
        var anyMoot = false
        var groupStart = 0
        while groupStart < touches.count {
            let index = touches[groupStart].line
            var groupEnd = groupStart + 1
            while groupEnd < touches.count, touches[groupEnd].line == index { groupEnd += 1 }
            let positions = touches[groupStart..<groupEnd].map(\.position)
            groupStart = groupEnd
            guard owners[index] == EditApplier.kept && !lines[index].isBlank else { continue }
            let line = lines[index]
            let lineEdits = positions.map { edits[$0].edit }
            guard lineEdits.allSatisfy(\.isDeletion),
                  lineEdits.allSatisfy({ $0.range.lowerBound >= line.start && $0.range.upperBound <= line.contentEnd })
            else { continue }
            var cursor = line.start
            var leftover = false
            for edit in lineEdits.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
                if bytes[cursor..<edit.range.lowerBound].contains(where: { $0 != 0x20 && $0 != 0x09 }) { leftover = true }
                cursor = max(cursor, edit.range.upperBound)
            }
            if bytes[cursor..<line.contentEnd].contains(where: { $0 != 0x20 && $0 != 0x09 }) { leftover = true }
            // A line that held only invisible characters (a zero-width space, say) was a blank line to a
            // reader: emptied, it stays as one instead of joining the paragraphs around it.
            let removedVisible = lineEdits.contains { EditApplier.containsVisible(bytes[$0.range]) }
            if !leftover && removedVisible {
                owners[index] = edits[positions[0]].owner
                for position in positions { moot[position] = true }
                anyMoot = true
            }
        }
        return anyMoot ? edits.enumerated().filter { !moot[$0.offset] }.map(\.element) : edits
    }

    /// True when `bytes` hold a character a reader would see: anything but whitespace and format or
    /// invisible characters (no-break and zero-width spaces, soft hyphen, BOM, directional marks).
    /// Invalid bytes count as visible: they are data.
    static func containsVisible(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let text = String(validating: bytes, as: UTF8.self) else { return true }
        return text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x09...0x0D, 0x20, 0xA0, 0xAD, 0x34F, 0x61C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E,
                 0x2000...0x200F, 0x2028...0x202F, 0x205F...0x206F, 0x3000, 0x3164, 0xFEFF, 0xFFA0:
                return false
            default:
                return true
            }
        }
    }

    /// Removes the blank lines that deletions leave behind: blank lines between two deleted blocks, blank
    /// lines between the start of the text and a deleted block or between a deleted block and the end, and
    /// one side of a deleted block that blank lines surround (the blank lines before it go).
    private func tidyBlankLines(_ owners: inout [Int]) {
        let lines = document.lines
        let kept = EditApplier.kept
        let tidy = EditApplier.tidyOwner
        var index = 0
        while index < lines.count {
            guard owners[index] != kept else { index += 1; continue }
            // A block: deleted lines, possibly with blank lines between them.
            var end = index
            var probe = index
            while probe < lines.count, owners[probe] != kept || lines[probe].isBlank {
                if owners[probe] != kept { end = probe }
                probe += 1
            }
            for line in index...end where owners[line] == kept { owners[line] = tidy }
            var before = index
            while before > 0, owners[before - 1] == kept, lines[before - 1].isBlank { before -= 1 }
            var after = end + 1
            while after < lines.count, owners[after] == kept, lines[after].isBlank { after += 1 }
            let atStart = !(0..<before).contains { owners[$0] == kept && !lines[$0].isBlank }
            let atEnd = after == lines.count
            if atEnd {
                for line in before..<index { owners[line] = tidy }
                for line in (end + 1)..<after { owners[line] = tidy }
            } else if !atStart && before == index && after == end + 1 {
                // Blank lines only inside the block, between kept text on both sides: they parted two
                // paragraphs, so the last run of them stays (else the paragraphs would join).
                var last = end
                while last > index, owners[last] != tidy { last -= 1 }
                while last > index, owners[last] == tidy, lines[last].isBlank {
                    owners[last] = kept
                    last -= 1
                }
            }
            if atStart {
                for line in (end + 1)..<after { owners[line] = tidy }
            } else if !atEnd && before < index && after > end + 1 {
                for line in before..<index { owners[line] = tidy }
            }
            index = after
        }
    }

    /// Byte edits that reach into lines deleted in this pass (blank lines tidied away, emptied lines) but
    /// do not lie within them are put off to the next pass, which sees the text without those lines: a
    /// blank-run replacement must not write back the blank lines a deletion at the end has removed. Edits
    /// wholly inside deleted lines are moot. A fix whose edit is put off waits as a whole, unless it owns
    /// deleted lines.
    private func withoutEditsIntoDeletedLines(_ edits: [OwnedEdit], owners: [Int], applied: inout [Int],
                                              deferred: inout [Int]) -> [OwnedEdit] {
        var late = Set<Int>()
        var moot = Set<Int>()
        for (position, owned) in edits.enumerated() where !owned.edit.range.isEmpty {
            let first = document.lineIndex(containing: owned.edit.range.lowerBound)
            let last = document.lineIndex(containing: owned.edit.range.upperBound - 1)
            let deleted = (first...last).filter { owners[$0] != EditApplier.kept }.count
            if deleted == last - first + 1 { moot.insert(position) } else if deleted > 0 { late.insert(owned.owner) }
        }
        guard !late.isEmpty || !moot.isEmpty else { return edits }
        // Which late owners own deleted lines: one pass over the lines, no set of a large text's owners.
        var owns = [Bool](repeating: false, count: (late.max() ?? -1) + 1)
        for owner in owners where owner >= 0 && owner < owns.count { owns[owner] = true }
        let waiting = late.filter { $0 >= 0 ? !owns[$0] : !owners.contains($0) }
        applied.removeAll { waiting.contains($0) }
        deferred = (deferred + waiting).sorted()
        return edits.enumerated().filter { !moot.contains($0.offset) && !late.contains($0.element.owner) }.map(\.element)
    }

    /// A kept line ending in a lone CR, then deleted lines, then a kept line that starts with an LF (a blank
    /// line): joined, the CR and the LF would read as one CRLF break and the blank line would be gone. The
    /// last deleted line keeps its last byte (a CR or an LF of its own terminator), so that the kept lines
    /// stay as many breaks apart as before. Returns where each such shortened deletion starts.
    private func keepBreaksApart(_ edits: inout [OwnedEdit], owners: inout [Int]) -> Set<Int> {
        let lines = document.lines
        let bytes = document.bytes
        var starts = Set<Int>()
        var index = 0
        while index < lines.count {
            guard owners[index] != EditApplier.kept else { index += 1; continue }
            var end = index
            while end < lines.count, owners[end] != EditApplier.kept { end += 1 }
            defer { index = end }
            guard index > 0, end < lines.count else { continue }
            let before = lines[index - 1], after = lines[end]
            let loneCR = before.end - before.contentEnd == 1 && bytes[before.contentEnd] == 0x0D
            guard loneCR, bytes[after.start] == 0x0A else { continue }
            // An edit of the CR itself or at the start of the next line changes the bytes that meet (asked only
            // here: a pass over every edit for every deleted block was quadratic in a large text).
            let touched = edits.contains { owned in
                let range = owned.edit.range
                return (range.upperBound > before.contentEnd && range.lowerBound < before.end) || range.lowerBound == after.start
            }
            guard !touched else { continue }
            let last = lines[end - 1]
            if last.end - 1 > last.start {
                edits.append((Edit(range: last.start..<(last.end - 1)), owners[end - 1]))
                starts.insert(last.start)
            }
            owners[end - 1] = EditApplier.kept
        }
        if !starts.isEmpty { edits.sort { $0.edit.range.lowerBound < $1.edit.range.lowerBound } }
        return starts
    }

    /// Where the kept lines that no byte edit touches land in the output: each run of them is shifted by the
    /// bytes removed or added before it.
    private func copiedRuns(_ edits: [Edit], owners: [Int]) -> [CopiedRun] {
        let lines = document.lines
        var runs: [CopiedRun] = []
        var delta = 0
        var editIndex = 0
        for (index, line) in lines.enumerated() {
            if owners[index] != EditApplier.kept {
                delta -= line.end - line.start
                while editIndex < edits.count, edits[editIndex].range.lowerBound < line.end { editIndex += 1 }
                continue
            }
            var touched = false
            while editIndex < edits.count, edits[editIndex].range.lowerBound < line.end {
                let edit = edits[editIndex]
                if edit.range.upperBound > line.start || edit.range.lowerBound >= line.start { touched = true }
                delta += edit.replacement.count - edit.range.count
                editIndex += 1
            }
            guard !touched else { continue }
            if let last = runs.last, last.lines.upperBound == index, last.shift == delta {
                runs[runs.count - 1].lines = last.lines.lowerBound..<(index + 1)
            } else {
                runs.append(CopiedRun(lines: index..<(index + 1), shift: delta))
            }
        }
        return runs
    }

    /// The new bytes, and what was replaced where (see ``Outcome/spans``).
    private func render(_ ownedEdits: [OwnedEdit], owners: [Int]) -> (bytes: [UInt8], spans: [OwnedEdit]) {
        let deleted = owners.map { $0 != EditApplier.kept }
        let bytes = document.bytes
        let lines = document.lines
        let edits = ownedEdits.map(\.edit)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var spans: [OwnedEdit] = []
        let recordsSpans = self.recordsSpans
        if recordsSpans { spans.reserveCapacity(ownedEdits.count) }
        var cursor = 0
        var editIndex = 0
        func copy(upTo limit: Int) {
            while cursor < limit {
                if editIndex < edits.count, edits[editIndex].range.lowerBound < limit {
                    let edit = edits[editIndex]
                    if edit.range.lowerBound >= cursor {
                        output.append(contentsOf: bytes[cursor..<edit.range.lowerBound])
                        output.append(contentsOf: edit.replacement)
                        if recordsSpans { spans.append(ownedEdits[editIndex]) }
                        cursor = edit.range.upperBound
                    }
                    editIndex += 1
                } else {
                    output.append(contentsOf: bytes[cursor..<limit])
                    cursor = limit
                }
            }
        }
        var index = 0
        while index < lines.count {
            guard deleted[index] else { index += 1; continue }
            copy(upTo: lines[index].start)
            // A byte edit may already have replaced the first bytes of the deleted lines.
            let from = max(cursor, lines[index].start)
            while index < lines.count, deleted[index] {
                let lower = max(from, lines[index].start)
                if recordsSpans && lower < lines[index].end {
                    let piece = lower..<lines[index].end
                    if let last = spans.last, last.owner == owners[index], last.edit.isDeletion,
                       last.edit.range.upperBound == piece.lowerBound, last.edit.range.lowerBound >= from {
                        spans[spans.count - 1] = (Edit(range: last.edit.range.lowerBound..<piece.upperBound), owners[index])
                    } else {
                        spans.append((Edit(range: piece), owners[index]))
                    }
                }
                index += 1
            }
            // Never step back over bytes already written.
            cursor = max(cursor, index < lines.count ? lines[index].start : lines[lines.count - 1].end)
            while editIndex < edits.count, edits[editIndex].range.lowerBound < cursor { editIndex += 1 }
        }
        copy(upTo: bytes.count)
        return (output, spans)
    }
}

extension EditApplier {
    /// What the pass of `outcome` replaced, in this document's offsets, sorted and not overlapping: runs of
    /// whole lines deleted by one owner and byte edits, as the rendering applied them. Owners are violation
    /// indices or ``EditApplier/tidyOwner``.
    func spans(of outcome: Outcome) -> [OwnedEdit] { outcome.spans }
}
