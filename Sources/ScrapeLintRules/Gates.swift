/// Context conditions a match must meet besides its pattern. Shape alone is often ambiguous (`0 : 0` is a
/// share counter in a widget and a score in a match report); gates say where and how the shape counts.
/// All gates present must hold.
public struct Gates: Hashable, Sendable {
    /// The scope unit has at most this many words (whitespace-separated).
    public var maxWords: Int?
    /// The scope unit has at most this many characters.
    public var maxChars: Int?
    /// Line scope: the line is part of a run of at least this many consecutive lines this rule matches
    /// (blank lines do not break a run).
    public var minRun: Int?
    /// The match lies within `lines` lines of a match of one of `rules`.
    public var near: Near?
    /// The match lies in the first or last part of the document.
    public var zone: Zone?
    /// Line scope: the line belongs to a run of lines this rule matches (blank lines do not break it) that
    /// starts right after a line holding an accepted match of one of these rules (only blank lines between):
    /// a heading's list, which a `near` distance would cut short or let reach above the heading.
    public var follows: [String]?
    /// Line scope: the line belongs to a block of consecutive non-blank lines this rule matches that holds, or
    /// touches (no blank line between), a line with an accepted match of one of these rules: the rest of a
    /// menu whose common entries another rule found, however long the menu and on either side of them.
    public var joins: [String]?

    public init(maxWords: Int? = nil, maxChars: Int? = nil, minRun: Int? = nil, near: Near? = nil, zone: Zone? = nil,
                follows: [String]? = nil, joins: [String]? = nil) {
        self.maxWords = maxWords
        self.maxChars = maxChars
        self.minRun = minRun
        self.near = near
        self.zone = zone
        self.follows = follows
        self.joins = joins
    }

    public var isEmpty: Bool { self == Gates() }

    /// The rules this rule's gates need matched first (`near`, `follows` and `joins`).
    public var anchorRules: [String] { (near?.rules ?? []) + (follows ?? []) + (joins ?? []) }

    /// The key of the gate that names `anchor` (for messages about an unknown anchor).
    public func gateKey(naming anchor: String) -> String {
        if near?.rules.contains(anchor) == true { return "near" }
        if follows?.contains(anchor) == true { return "follows" }
        return "joins"
    }

    public struct Near: Hashable, Sendable {
        /// Rule ids whose matches anchor this rule.
        public var rules: [String]
        /// The maximum distance in lines (0: the same line; blank lines count).
        public var lines: Int

        public init(rules: [String], lines: Int) {
            self.rules = rules
            self.lines = lines
        }
    }

    public struct Zone: Hashable, Sendable {
        public enum Edge: String, Sendable { case first, last }
        public enum Extent: Hashable, Sendable {
            case lines(Int)
            case percent(Int)
        }

        public var edge: Edge
        public var extent: Extent

        public init(edge: Edge, extent: Extent) {
            self.edge = edge
            self.extent = extent
        }

        /// The line indices (0-based) the zone covers in a document of `lineCount` lines.
        package func lineRange(lineCount: Int) -> Range<Int> {
            let size: Int
            switch extent {
            case .lines(let count): size = min(count, lineCount)
            case .percent(let percent): size = min(lineCount, (lineCount * percent + 99) / 100)
            }
            return edge == .first ? 0..<size : (lineCount - size)..<lineCount
        }
    }
}
