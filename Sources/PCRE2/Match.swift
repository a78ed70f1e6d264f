/// One match: the byte range of the whole match and of each capture group, relative to the subject
/// buffer that was searched (not to any start offset).
public struct Match: Hashable, Sendable {
    /// `groups[0]` is the whole match; `nil` for a group that did not take part in the match.
    public let groups: [Range<Int>?]

    public init(groups: [Range<Int>?]) { self.groups = groups }

    /// The byte range of the whole match.
    public var range: Range<Int> { groups[0]! }
}
