#if canImport(Glibc)
import Glibc
#endif

/// Inline suppression directives in a document, and a caller's document-wide list (a JSON Lines record's
/// `--ignore-field`):
///
/// - `scrapelint: disable-next-line NAME ...`: no violation of these rules starts on the next line;
/// - `scrapelint: disable NAME ...` to `scrapelint: enable NAME ...` (or the end of the text): none starts on
///   the lines between.
///
/// NAMEs are ``RuleSelector``s (ids, categories, `prefix-`, `ALL`), separated by commas or spaces; the list
/// ends at the first word that is not a name (so `<!-- scrapelint: disable ad-label -->` works). A
/// directive line is never removed or changed by a fix: a violation whose fix would touch it loses its fix.
/// An unknown directive, an unknown name, an `enable` without a `disable`, and a name that suppressed
/// nothing are ``DirectiveProblem``s.
struct Suppressions {
    static let marker = Array("scrapelint:".utf8)

    enum Kind: String {
        case disableNextLine = "disable-next-line"
        case disable
        case enable
    }

    /// One name of one directive, with the lines it covers.
    struct Entry {
        let selector: RuleSelector
        let name: String
        /// Byte offset of the directive, for problems.
        let offset: Int
        var lines: Range<Int>
        var used = false
    }

    var entries: [Entry] = []
    var problems: [DirectiveProblem] = []
    /// The line ranges (bytes, terminator included) of directive lines.
    var protected: [Range<Int>] = []
    /// Selectors suppressed in the whole document (not reported when unused).
    var everywhere: [RuleSelector] = []

    /// Reads the directives of `document`; names are resolved against `known` (every loaded rule, not only
    /// the selected ones, so that naming a rule that does not run is not "unknown").
    init(_ document: Document, known: [Rule], everywhere: [RuleSelector] = []) {
        self.everywhere = everywhere
        let bytes = document.bytes
        var open: [(name: String, index: Int)] = []
        var searchFrom = 0
        while let found = Suppressions.find(Suppressions.marker, in: bytes, from: searchFrom) {
            searchFrom = found + Suppressions.marker.count
            let lineIndex = document.lineIndex(containing: found)
            let line = document.lines[lineIndex]
            var cursor = searchFrom
            func skip(_ set: [UInt8]) { while cursor < line.contentEnd, set.contains(bytes[cursor]) { cursor += 1 } }
            func word(_ allowed: (UInt8) -> Bool) -> String {
                let start = cursor
                while cursor < line.contentEnd, allowed(bytes[cursor]) { cursor += 1 }
                return String(decoding: bytes[start..<cursor], as: UTF8.self)
            }
            skip([0x20, 0x09])
            let keyword = word { $0 == 0x2D || ($0 >= 0x61 && $0 <= 0x7A) }
            guard let kind = Kind(rawValue: keyword) else {
                problems.append(DirectiveProblem(offset: found, message: "unknown directive `scrapelint: \(keyword)`; the directives are disable-next-line, disable and enable"))
                continue
            }
            protected.append(line.start..<line.end)
            var names: [String] = []
            while true {
                skip([0x20, 0x09, 0x2C])
                guard cursor < line.contentEnd, Suppressions.isNameStart(bytes[cursor]) else { break }
                names.append(word { Suppressions.isNameStart($0) || $0 == 0x2D })
            }
            if names.isEmpty {
                problems.append(DirectiveProblem(offset: found, message: "`scrapelint: \(kind.rawValue)` names no rule"))
            }
            for name in names {
                let selector: RuleSelector
                do { selector = try RuleSelector(name, rules: known) } catch {
                    problems.append(DirectiveProblem(offset: found, message: "`scrapelint: \(kind.rawValue)`: \(error.description)"))
                    continue
                }
                switch kind {
                case .disableNextLine:
                    entries.append(Entry(selector: selector, name: name, offset: found, lines: (lineIndex + 1)..<(lineIndex + 2)))
                case .disable:
                    open.append((name, entries.count))
                    entries.append(Entry(selector: selector, name: name, offset: found, lines: (lineIndex + 1)..<document.lines.count))
                case .enable:
                    if let position = open.lastIndex(where: { $0.name == name }) {
                        let index = open.remove(at: position).index
                        entries[index].lines = entries[index].lines.lowerBound..<max(entries[index].lines.lowerBound, lineIndex)
                    } else {
                        problems.append(DirectiveProblem(offset: found, message: "`scrapelint: enable \(name)` has no `disable \(name)` before it"))
                    }
                }
            }
        }
    }

    /// Removes the suppressed violations of `result`, takes the fixes off those that would touch a
    /// directive line, and adds the problems (unused names included).
    mutating func apply(to result: inout CheckResult, document: Document, ruleSet: RuleSet) {
        guard !entries.isEmpty || !everywhere.isEmpty || !problems.isEmpty else { return }
        var kept: [Violation] = []
        kept.reserveCapacity(result.violations.count)
        for violation in result.violations {
            let rule = ruleSet.rules[violation.ruleIndex].rule
            if everywhere.contains(where: { $0.matches(rule) }) { continue }
            let line = document.lineIndex(containing: violation.range.lowerBound)
            var suppressed = false
            for index in entries.indices where entries[index].lines.contains(line) && entries[index].selector.matches(rule) {
                entries[index].used = true
                suppressed = true
            }
            if suppressed { continue }
            if let fix = violation.fix, fix.edits.contains(where: { edit in protected.contains { $0.overlaps(edit.range) } }) {
                kept.append(Violation(ruleIndex: violation.ruleIndex, ruleID: violation.ruleID, severity: violation.severity,
                                      range: violation.range, message: violation.message, fix: nil))
                continue
            }
            kept.append(violation)
        }
        result.violations = kept
        for entry in entries where !entry.used {
            problems.append(DirectiveProblem(offset: entry.offset, message: "unused suppression: no `\(entry.name)` violation to suppress"))
        }
        result.directiveProblems = problems.sorted { $0.offset < $1.offset }
    }

    static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
    }

    /// The first offset of `needle` (non-empty) in `bytes` at or after `start`. Searches for its last byte
    /// (`:` for the marker, rare in prose) and compares backwards.
    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        let last = Int32(needle[needle.count - 1])
        return bytes.withUnsafeBufferPointer { haystack -> Int? in
            guard let base = haystack.baseAddress else { return nil }
            var position = start + needle.count - 1
            while position < haystack.count {
                guard let hit = memchr(base + position, last, haystack.count - position) else { return nil }
                let end = UnsafeRawPointer(hit) - UnsafeRawPointer(base) + 1
                if memcmp(base + end - needle.count, needle, needle.count) == 0 { return end - needle.count }
                position = end
            }
            return nil
        }
    }
}

/// A suppression directive that is wrong or did nothing, at the byte offset of its `scrapelint:`.
public struct DirectiveProblem: Hashable, Sendable {
    public let offset: Int
    public let message: String
}
