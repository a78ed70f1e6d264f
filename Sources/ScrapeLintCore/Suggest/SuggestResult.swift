import Foundation

/// What `suggest` found: the proposals to write, ranked by the text they remove, and the ones dropped;
/// rendered as a rule file and as a report (text or JSON).
public struct SuggestResult: Sendable {
    public let proposals: [Proposal]
    public let dropped: [DroppedProposal]
    public let documents: Int
    public let textBytes: Int
    public let groups: Int

    public var removedLines: Int { proposals.reduce(0) { $0 + $1.removedLines } }
    public var removedBytes: Int { proposals.reduce(0) { $0 + $1.removedBytes } }

    /// The rule file, in rank order, each rule under a comment with its counts.
    public func ruleFile() -> String {
        RuleFileWriter.yaml(
            description: "Rules proposed by scrapelint suggest from \(documents) documents. Review each rule (delete the ones you disagree with), then run `scrapelint test` on this file.",
            rules: proposals.map { ($0.rule, $0.summary) })
    }

    private func share(_ bytes: Int) -> String {
        textBytes == 0 ? "0.0%" : String(format: "%.1f%%", 100 * Double(bytes) / Double(textBytes))
    }

    /// Samples for the report: the single-line match examples.
    private func samples(_ proposal: Proposal) -> [String] {
        Array(proposal.rule.examples.match.filter { !$0.contains("\n") }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.prefix(2))
    }

    /// A table of the proposals by rank, then the dropped ones with their reasons.
    public func textReport() -> String {
        let groupText = groups > 1 ? " in \(groups) groups" : ""
        var output = "Proposed \(proposals.count) rule\(proposals.count == 1 ? "" : "s") from \(documents) documents\(groupText); "
        output += "together they remove \(removedLines) lines, \(removedBytes) bytes (\(share(removedBytes)) of the text).\n"
        if !proposals.isEmpty {
            let rows = proposals.enumerated().map { rank, proposal in
                [String(rank + 1), proposal.rule.id, proposal.rule.category, "\(proposal.touchedDocuments)/\(proposal.groupDocuments)",
                 String(proposal.removedLines), String(proposal.removedBytes), share(proposal.removedBytes),
                 samples(proposal).map(ExampleRunner.Failure.quote).joined(separator: ", ")]
            }
            output += "\n" + Self.table(header: ["RANK", "RULE", "CATEGORY", "DOCS", "LINES", "BYTES", "SHARE", "SAMPLES"], rows: rows)
        }
        if !dropped.isEmpty {
            output += "\nDropped \(dropped.count) proposal\(dropped.count == 1 ? "" : "s") (not written):\n"
            for entry in dropped {
                output += "  \(entry.proposal.rule.id) \(entry.proposal.rule.pattern): \(entry.reason)\n"
            }
        }
        return output
    }

    /// Columns padded to their widest cell (numbers right-aligned).
    static func table(header: [String], rows: [[String]]) -> String {
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        let numeric: Set<Int> = [0, 3, 4, 5, 6]
        return ([header] + rows).map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == row.count - 1 ? cell : numeric.contains(column) ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// The report as one JSON object.
    public func jsonReport() -> String {
        func proposalJSON(_ proposal: Proposal, rank: Int?) -> [(String, String)] {
            var pairs: [(String, String)] = []
            if let rank { pairs.append(("rank", String(rank))) }
            pairs += [
                ("id", JSON.string(proposal.rule.id)), ("category", JSON.string(proposal.rule.category)),
                ("pattern", JSON.string(proposal.rule.pattern)),
                ("groups", JSON.array(proposal.groups.map(JSON.string))),
                ("documents", String(proposal.touchedDocuments)), ("group_documents", String(proposal.groupDocuments)),
                ("lines_removed", String(proposal.removedLines)), ("bytes_removed", String(proposal.removedBytes)),
                ("share_removed", textBytes == 0 ? "0" : String(Double(proposal.removedBytes) / Double(textBytes))),
                ("samples", JSON.array(proposal.rule.examples.match.map(JSON.string))),
            ]
            return pairs
        }
        return JSON.object([
            ("documents", String(documents)), ("groups", String(groups)), ("input_bytes", String(textBytes)),
            ("lines_removed", String(removedLines)), ("bytes_removed", String(removedBytes)),
            ("proposals", JSON.array(proposals.enumerated().map { JSON.object(proposalJSON($1, rank: $0 + 1)) })),
            ("dropped", JSON.array(dropped.map {
                JSON.object(proposalJSON($0.proposal, rank: nil) + [("reason", JSON.string($0.reason))])
            })),
        ]) + "\n"
    }
}
