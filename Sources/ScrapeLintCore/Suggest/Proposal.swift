/// A rule proposed by `scrapelint suggest`, with what the corpus says about it.
public struct Proposal: Sendable {
    public internal(set) var rule: Rule
    /// The groups whose repeated lines it removes (`""` when the corpus is not grouped).
    public internal(set) var groups: [String]
    /// All documents of its groups.
    public internal(set) var groupDocuments: Int
    /// Lines and bytes it removes from the corpus (after the loaded rules), and documents it touches.
    public internal(set) var removedLines = 0
    public internal(set) var removedBytes = 0
    public internal(set) var touchedDocuments = 0
    /// Lines it matches that are not repeated boilerplate of their own group (a proposal with any is dropped).
    public internal(set) var strayLines = 0
    public internal(set) var straySamples: [String] = []

    /// The comment written above the rule in the rule file.
    var summary: String {
        let whereSeen = groups == [""] ? "" : " of \(groups.joined(separator: ", "))"
        return "in \(touchedDocuments) of \(groupDocuments) documents\(whereSeen); removes \(removedLines) lines, \(removedBytes) bytes"
    }
}

/// A proposal dropped before writing, and why.
public struct DroppedProposal: Sendable {
    public let proposal: Proposal
    public let reason: String
}
