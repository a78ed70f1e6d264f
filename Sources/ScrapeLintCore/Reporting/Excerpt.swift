/// The lines a byte range touches, ready for a terminal: each line's text with one display cell per column
/// (tabs expanded, wide characters counted as two cells), control characters and bidirectional controls
/// made visible so that scraped text cannot drive the terminal, invalid bytes shown as U+FFFD, and the
/// span to underline. Long lines are cut to a window around the match, marked with `…`.
enum Excerpt {
    struct Row: Equatable {
        /// 1-based.
        let lineNumber: Int
        let text: String
        /// Display cells before the underline, and its width (at least 1).
        let caretStart: Int
        let caretWidth: Int
        /// True when the match goes on past this row but no more rows are shown.
        let truncatedAfter: Bool
    }

    /// The widest excerpt line, in display cells, before it is cut to a window.
    static let maxWidth = 120
    /// Cells of context kept before the match when a line is cut.
    static let leadingContext = 20
    static let tabWidth = 4

    /// The rows of `range`. `layouts` keeps each line's layout for the next excerpt of the same line.
    static func rows(of range: Range<Int>, in document: Document, maxLines: Int, layouts: inout [Int: LineLayout]) -> [Row] {
        guard !document.lines.isEmpty else { return [] }
        let first = document.lineIndex(containing: range.lowerBound)
        let last = document.lineIndex(containing: max(range.lowerBound, range.upperBound - 1))
        let shownLast = min(last, first + maxLines - 1)
        return (first...shownLast).map { index in
            let layout = layouts[index] ?? LineLayout(document.lines[index], in: document)
            layouts[index] = layout
            return row(layout, number: index + 1, range: range, in: document, truncatedAfter: index == shownLast && shownLast < last)
        }
    }

    private static func row(_ layout: LineLayout, number: Int, range: Range<Int>, in document: Document, truncatedAfter: Bool) -> Row {
        let line = layout.line
        let total = layout.width
        let caretStart = layout.cells(before: max(range.lowerBound, line.start), in: document)
        let caretEnd = max(caretStart + 1, layout.cells(before: min(range.upperBound, line.contentEnd), in: document))
        guard total > maxWidth else {
            return Row(lineNumber: number, text: layout.text(of: 0..<total, in: document), caretStart: caretStart,
                       caretWidth: caretEnd - caretStart, truncatedAfter: truncatedAfter)
        }
        // Cut to a window that starts a little before the match.
        let windowStart = max(0, min(caretStart - leadingContext, total - maxWidth))
        let windowEnd = min(total, windowStart + maxWidth)
        var text = windowStart > 0 ? "…" : ""
        text += layout.text(of: windowStart..<windowEnd, in: document)
        if windowEnd < total { text += "…" }
        let shift = windowStart > 0 ? 1 - windowStart : 0
        return Row(lineNumber: number, text: text, caretStart: caretStart + shift,
                   caretWidth: max(1, min(caretEnd, windowEnd) - caretStart), truncatedAfter: truncatedAfter)
    }

    /// The cells one column takes (``display(_:atColumn:)``'s width, without building its text for the
    /// printable ASCII that most lines are made of).
    static func width(of bytes: ArraySlice<UInt8>, atColumn column: Int) -> Int {
        if bytes.count == 1, let byte = bytes.first, byte >= 0x20, byte < 0x7F { return 1 }
        return display(bytes, atColumn: column).width
    }

    /// How one column's bytes are shown, and how many cells that takes.
    static func display(_ bytes: ArraySlice<UInt8>, atColumn column: Int) -> (text: String, width: Int) {
        if bytes.count == 1, let byte = bytes.first, byte >= 0x20, byte < 0x7F { return (String(Unicode.Scalar(byte)), 1) }
        guard let text = String(validating: bytes, as: UTF8.self), let scalar = text.unicodeScalars.first else {
            return ("\u{FFFD}", 1)
        }
        if scalar == "\t" {
            let width = tabWidth - column % tabWidth
            return (String(repeating: " ", count: width), width)
        }
        if let shown = visible(scalar) { return (shown, 1) }
        return (text, width(of: scalar))
    }

    /// How a scalar that could drive a terminal is shown instead: C0 controls and DEL as their control
    /// pictures (␛, ␡), C1 controls and bidirectional overrides and isolates as U+FFFD; `nil` for others.
    static func visible(_ scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x00..<0x20: String(Unicode.Scalar(0x2400 + scalar.value)!)
        case 0x7F: "\u{2421}"
        case 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069: "\u{FFFD}"
        default: nil
        }
    }

    /// `text` with ``visible(_:)`` applied, for one-line output (messages, paths).
    static func visible(_ text: String) -> String {
        text.replacingScalars(visible)
    }

    /// Terminal cells of a scalar: 0 for combining marks and format characters, 2 for East Asian wide
    /// and fullwidth characters and most emoji, else 1.
    static func width(of scalar: Unicode.Scalar) -> Int {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: return wideRanges.contains { $0.contains(scalar.value) } ? 2 : 1
        }
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
        0x1F900...0x1F9FF, 0x20000...0x3FFFD,
    ]
}
