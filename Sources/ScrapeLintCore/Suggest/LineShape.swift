/// A line reduced to what its repetitions share: surrounding whitespace trimmed, runs of spaces and tabs
/// made one space, and ASCII digit runs, month names and weekday names replaced by slots, so that
/// "3 Comments" and "12 Comments" have one shape. The values that stood in the slots are kept.
public struct LineShape: Hashable, Sendable {
    /// What a slot stands for; its raw value is the character that marks it in ``key``.
    public enum Slot: Character, Sendable, CaseIterable {
        case number = "\u{1}"
        case month = "\u{2}"
        case weekday = "\u{3}"
    }

    /// Literal text with each slot as its marker character and each whitespace run as one space.
    public let key: String
    /// The text that stood in each slot, in order.
    public let values: [String]
    /// How the line's whitespace differed from single inner spaces.
    public let spacing: Spacing
    /// Letters outside slots (a shape with almost none is a number, a date or punctuation: never proposed).
    public let letters: Int
    /// Words (runs of non-space characters).
    public let words: [Substring]

    public struct Spacing: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// Spaces or tabs before the text.
        public static let leading = Spacing(rawValue: 1)
        /// Spaces or tabs after the text.
        public static let trailing = Spacing(rawValue: 2)
        /// A tab or a run of several spaces between words.
        public static let irregular = Spacing(rawValue: 4)
    }

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
                         "Sept", "Oct", "Nov", "Dec"]
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
                           "Mon", "Tue", "Tues", "Wed", "Thu", "Thurs", "Fri", "Sat", "Sun"]
    private static let monthSet = Set(months)
    private static let weekdaySet = Set(weekdays)

    /// The shape of one line's text; nil for a blank line, or one holding control characters (which
    /// could be confused with slot markers) or U+FEFF (which YAML readers drop, so no rule file could
    /// hold it as an example).
    public init?(_ line: String) {
        var key = ""
        var values: [String] = []
        var spacing: Spacing = []
        var letters = 0
        var pendingSpace = ""
        var word = ""
        var digits = ""

        func flushWord() {
            guard !word.isEmpty else { return }
            if LineShape.monthSet.contains(word) {
                key.append(Slot.month.rawValue)
                values.append(word)
            } else if LineShape.weekdaySet.contains(word) {
                key.append(Slot.weekday.rawValue)
                values.append(word)
            } else {
                key += word
                letters += word.unicodeScalars.count
            }
            word = ""
        }
        func flushDigits() {
            guard !digits.isEmpty else { return }
            key.append(Slot.number.rawValue)
            values.append(digits)
            digits = ""
        }
        func flushSpace() {
            guard !pendingSpace.isEmpty else { return }
            if key.isEmpty {
                spacing.insert(.leading)
            } else {
                if pendingSpace != " " { spacing.insert(.irregular) }
                key += " "
            }
            pendingSpace = ""
        }

        for scalar in line.unicodeScalars {
            if scalar == " " || scalar == "\t" {
                flushWord()
                flushDigits()
                pendingSpace.unicodeScalars.append(scalar)
                continue
            }
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFEFF { return nil }
            flushSpace()
            if scalar.value >= 0x30 && scalar.value <= 0x39 {
                flushWord()
                digits.unicodeScalars.append(scalar)
            } else if scalar.properties.isAlphabetic {
                flushDigits()
                word.unicodeScalars.append(scalar)
            } else {
                flushWord()
                flushDigits()
                key.unicodeScalars.append(scalar)
            }
        }
        flushWord()
        flushDigits()
        if !pendingSpace.isEmpty { spacing.insert(.trailing) }
        guard !key.isEmpty else { return nil }
        self.key = key
        self.values = values
        self.spacing = spacing
        self.letters = letters
        self.words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
    }

    /// The slots of the shape, in order.
    public var slots: [Slot] { key.compactMap { Slot(rawValue: $0) } }

    /// Whether the line reads like a sentence of prose: it ends in sentence punctuation and holds a run of
    /// at least three lower-case words ("He declined to comment."), or holds a run of six or more
    /// lower-case words whatever its end. Such lines are never proposed, however often they repeat.
    public var looksLikeProse: Bool {
        var run = 0
        var longest = 0
        for word in words {
            if let first = word.unicodeScalars.first, first.properties.isLowercase {
                run += 1
                longest = max(longest, run)
            } else {
                run = 0
            }
        }
        let closing: Set<Character> = ["\"", "'", ")", "]", "\u{201D}", "\u{2019}"]
        let end = key.reversed().first { !closing.contains($0) }
        let sentenceEnd = end == "." || end == "!" || end == "?"
        return (sentenceEnd && longest >= 3) || longest >= 6
    }
}
