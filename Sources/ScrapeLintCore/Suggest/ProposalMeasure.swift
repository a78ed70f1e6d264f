/// The second pass of `suggest`: every line of the corpus is checked against every proposal, to count
/// what each would remove and to catch any proposal that matches a line which is not repeated
/// boilerplate of its own group (a prose line, a line too rare to trust).
public struct ProposalMeasure {
    public private(set) var proposals: [Proposal]
    let table: ShapeTable

    public init(proposals: [Proposal], table: ShapeTable) {
        self.proposals = proposals
        self.table = table
    }

    /// The proposals as one rule set, for the checkers of the workers (rule index = proposal index).
    public func ruleSet() throws(ScrapeLintError) -> RuleSet { try RuleSet(proposals.map(\.rule)) }

    /// What the proposals match in one document (already cleaned by the loaded rules).
    public struct DocumentHits: Sendable {
        struct Hit: Sendable {
            let proposal: Int
            let line: Int
            let bytes: Int
            /// The line, when it is not repeated boilerplate of the document's group.
            let stray: String?
        }

        let hits: [Hit]

        /// Checks `document` of `group` with a checker of ``ProposalMeasure/ruleSet()``.
        public init(_ document: Document, group: String, checker: Checker, table: ShapeTable) {
            var seen: Set<[Int]> = []
            var hits: [Hit] = []
            for violation in checker.check(document).violations {
                let index = document.lineIndex(containing: violation.range.lowerBound)
                guard seen.insert([violation.ruleIndex, index]).inserted else { continue }
                let line = document.lines[index]
                let text = String(decoding: document.bytes[line.start..<line.contentEnd], as: UTF8.self)
                let repeated = LineShape(text).map { table.isRepeated($0.key, in: group) } ?? false
                hits.append(Hit(proposal: violation.ruleIndex, line: index, bytes: line.end - line.start, stray: repeated ? nil : text))
            }
            self.hits = hits
        }
    }

    /// Adds the hits of one document (in input order, for deterministic samples).
    public mutating func add(_ document: DocumentHits) {
        var touched: Set<Int> = []
        for hit in document.hits {
            proposals[hit.proposal].removedLines += 1
            proposals[hit.proposal].removedBytes += hit.bytes
            if touched.insert(hit.proposal).inserted { proposals[hit.proposal].touchedDocuments += 1 }
            if let stray = hit.stray {
                proposals[hit.proposal].strayLines += 1
                if proposals[hit.proposal].straySamples.count < 3 { proposals[hit.proposal].straySamples.append(stray) }
            }
        }
    }

    /// The proposals to write, ranked by the bytes they remove, and those dropped: any that matches a
    /// line that is not repeated boilerplate, and any whose examples fail (which would be a defect here).
    public func result() -> SuggestResult {
        var kept: [Proposal] = []
        var dropped: [DroppedProposal] = []
        for proposal in proposals {
            if proposal.strayLines > 0 {
                let samples = proposal.straySamples.map { ExampleRunner.Failure.quote($0) }.joined(separator: ", ")
                dropped.append(DroppedProposal(proposal: proposal, reason: "also matches \(proposal.strayLines) line\(proposal.strayLines == 1 ? "" : "s") that \(proposal.strayLines == 1 ? "is" : "are") not repeated boilerplate of \(proposal.strayLines == 1 ? "its" : "their") group, e.g. \(samples)"))
            } else {
                kept.append(proposal)
            }
        }
        if let set = try? RuleSet(kept.map(\.rule)) {
            let failures = ExampleRunner(ruleSet: set).run().failures
            let failed = Dictionary(grouping: failures, by: \.ruleID)
            kept.removeAll { proposal in
                guard let failures = failed[proposal.rule.id] else { return false }
                dropped.append(DroppedProposal(proposal: proposal, reason: "its examples fail: \(failures.map(\.description).joined(separator: "; "))"))
                return true
            }
        }
        kept.sort { ($1.removedBytes, $0.rule.id) < ($0.removedBytes, $1.rule.id) }
        dropped.sort { $0.proposal.rule.id < $1.proposal.rule.id }
        return SuggestResult(proposals: kept, dropped: dropped, documents: table.documents, textBytes: table.textBytes,
                             groups: table.groups.count)
    }
}
