/// The thresholds of `scrapelint suggest`.
public struct SuggestOptions: Sendable {
    /// A shape must appear in at least this many documents of its group...
    public var minDocuments = 5
    /// ...and in at least this share (0...1) of them.
    public var minShare = 0.05
    /// Lines longer than this (in characters, after trimming) are never proposed.
    public var maxLength = 120
    /// Lines of more words than this are never proposed.
    public var maxWords = 12
    /// Sibling lines that differ only in a short name become one rule when there are at most this many.
    public var maxAlternatives = 12
    /// Lines kept per shape, from different documents, for examples and the report.
    public var samples = 6
    /// Neighbouring lines used as `no-match` examples are cut to at most this many characters.
    public var maxExampleLength = 160

    public init() {}

    /// The number of documents a shape needs in a group of `documents` documents.
    public func requiredDocuments(of documents: Int) -> Int {
        max(minDocuments, Int((minShare * Double(documents)).rounded(.up)))
    }

    /// Whether a line of this shape (and this many characters) may be proposed at all.
    public func admits(_ shape: LineShape, characters: Int) -> Bool {
        characters <= maxLength && shape.words.count <= maxWords && shape.letters >= 2 && !shape.looksLikeProse
    }
}
