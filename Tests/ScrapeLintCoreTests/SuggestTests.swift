import ScrapeLintCore
import Testing

/// Runs both passes of `suggest` over documents held in memory (no loaded rules).
func suggest(_ documents: [(group: String, text: String)], options: SuggestOptions = SuggestOptions(),
             grouped: Bool = true) throws -> SuggestResult {
    var table = ShapeTable(options: options)
    for document in documents {
        let bytes = Array(document.text.utf8)
        table.add(DocumentObservation(Document(bytes), group: document.group, textBytes: bytes.count, options: options))
    }
    var measure = ProposalMeasure(proposals: ProposalBuilder(table: table, grouped: grouped, reservedIDs: []).build(), table: table)
    if !measure.proposals.isEmpty {
        let checker = Checker(ruleSet: try measure.ruleSet())
        for document in documents {
            measure.add(ProposalMeasure.DocumentHits(Document(Array(document.text.utf8)), group: document.group, checker: checker, table: table))
        }
    }
    return measure.result()
}

/// A site's documents: varied prose around the given boilerplate lines (made per document).
func site(_ name: String, count: Int, boilerplate: (Int) -> [String], prose: (Int) -> [String] = { _ in [] }) -> [(group: String, text: String)] {
    (0..<count).map { index in
        let story = "Story \(index): the council voted \(index % 7) to \(index % 5) on item \(index * 13) after a debate in ward \(index)."
        let lines = [story] + prose(index) + ["Paragraph \(index * 31) of the story, about road \(index)."] + boilerplate(index)
        return (name, lines.joined(separator: "\n") + "\n")
    }
}

@Suite struct LineShapeTests {
    @Test func digitsMonthsAndWhitespaceBecomeOneShape() throws {
        let three = try #require(LineShape("3 Comments"))
        let twelve = try #require(LineShape("  12\tComments "))
        #expect(three.key == twelve.key)
        #expect(twelve.values == ["12"])
        #expect(twelve.spacing == [.leading, .trailing, .irregular])
        let date = try #require(LineShape("Updated Monday, March 3, 2020"))
        #expect(date.key == LineShape("Updated Friday, June 19, 2021")?.key)
        #expect(date.values == ["Monday", "March", "3", "2020"])
        #expect(date.slots == [.weekday, .month, .number, .number])
    }

    @Test func blankAndControlLinesHaveNoShape() {
        #expect(LineShape("   ") == nil)
        #expect(LineShape("a\u{1}b") == nil)
    }

    @Test func proseIsRecognised() throws {
        for prose in ["He declined to comment.", "The investigation is ongoing.",
                      "officials said the new bridge would open next spring"] {
            #expect(try #require(LineShape(prose)).looksLikeProse, "\(prose)")
        }
        for widget in ["Copyright 2019 Example Media Group. All rights reserved.", "Download the Example app",
                       "Sign up for our newsletter", "Thanks for reading!"] {
            #expect(try !#require(LineShape(widget)).looksLikeProse, "\(widget)")
        }
    }
}

@Suite struct SuggestTests {
    @Test func proposesEachSitesBoilerplateGeneralisedWhereItVaries() throws {
        let corpus = site("a.example", count: 20) { ["Follow A News on \(["Twitter", "Facebook"][$0 % 2])", "\($0 * 3) Comments"] }
            + site("b.example", count: 20) { _ in ["Copyright 2019 B (Media) Group [$1.50/week]"] }
        let result = try suggest(corpus)
        let patterns = result.proposals.map(\.rule.pattern).sorted()
        #expect(patterns == [#"^Copyright 2019 B \(Media\) Group \[\$1\.50/week\]$"#, #"^Follow A News on (?:Facebook|Twitter)$"#, #"^\d+ Comments$"#])
        #expect(result.dropped.isEmpty)
        let ids = result.proposals.map(\.rule.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("site-a-") || $0.hasPrefix("site-b-") }, "\(ids)")
        for proposal in result.proposals {
            #expect(proposal.rule.examples.match.count >= 3)
            #expect(!proposal.rule.examples.noMatch.isEmpty)
            #expect(proposal.rule.fix == .deleteLine)
            #expect(proposal.removedLines == 20)
        }
        #expect(result.proposals.first { $0.rule.pattern.hasPrefix("^Follow") }?.rule.category == "share")
        // Ranked by the bytes they remove.
        #expect(result.proposals.map(\.removedBytes) == result.proposals.map(\.removedBytes).sorted(by: >))
    }

    @Test func generatedRulesLoadStrictlyAndPassTheirExamples() throws {
        let corpus = site("x", count: 12) { ["It's \"quoted\" # not a comment: \\d — ok", "Präsentiert von Ätna \u{2028}", "\tTabbed  line  \($0)"] }
        let result = try suggest(corpus)
        #expect(result.proposals.count == 3)
        let parsed = RuleLoader.parse(result.ruleFile(), path: "suggested.yml")
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
        #expect(parsed.rules.map(\.pattern) == result.proposals.map(\.rule.pattern))
        #expect(parsed.rules.map(\.examples) == result.proposals.map(\.rule.examples))
        #expect(ExampleRunner(ruleSet: try RuleSet(parsed.rules)).run().failures.isEmpty)
    }

    @Test func repeatedProseAndRareLinesAreNeverProposed() throws {
        let corpus = site("s", count: 30, boilerplate: { _ in [] }) { index in
            ["He declined to comment.", "Officials said the new bridge would open next spring", index < 3 ? "Background" : "Why \(["rates", "roads", "ports", "farms", "banks", "clubs"][index % 6]) \(["rise", "fall", "wait", "stall", "grow"][(index / 6) % 5])"]
        }
        let result = try suggest(corpus)
        #expect(result.proposals.isEmpty, "\(result.proposals.map(\.rule.pattern))")
    }

    @Test func thresholdsFollowTheOptions() throws {
        let corpus = site("s", count: 40) { $0 < 6 ? ["Daily Digest"] : [] }
        #expect(try suggest(corpus).proposals.count == 1) // 6 documents: at least 5, and at least 5% of 40
        var options = SuggestOptions()
        options.minShare = 0.2
        #expect(try suggest(corpus, options: options).proposals.isEmpty)
        options.minShare = 0.1
        options.minDocuments = 7
        #expect(try suggest(corpus, options: options).proposals.isEmpty)
    }

    @Test func aProposalThatHitsARareLineElsewhereIsDropped() throws {
        // "Live Updates" is boilerplate of site a, but one document of site b has it as a subhead.
        let corpus = site("a", count: 10) { _ in ["Live Updates"] }
            + site("b", count: 10) { $0 == 4 ? ["Live Updates"] : [] }
        let result = try suggest(corpus)
        #expect(result.proposals.isEmpty)
        let dropped = try #require(result.dropped.first)
        #expect(dropped.proposal.strayLines == 1)
        #expect(dropped.reason.contains("not repeated boilerplate"))
    }

    @Test func sharedBoilerplateOfSeveralGroupsIsOneRule() throws {
        let corpus = site("a", count: 10) { _ in ["Advertisement here"] } + site("b", count: 10) { _ in ["Advertisement here"] }
        let result = try suggest(corpus)
        #expect(result.proposals.map(\.rule.id) == ["suggested-advertisement-here"])
        #expect(result.proposals.first?.groups == ["a", "b"])
        #expect(result.proposals.first?.removedLines == 20)
    }

    @Test func siblingsShareWordsBesidesTheName() throws {
        let corpus = site("a", count: 10) { _ in ["Advertisement", "Most Popular"] }
        #expect(try suggest(corpus).proposals.map(\.rule.pattern).sorted() == ["^Advertisement$", "^Most Popular$"])
    }

    @Test func theSameCorpusGivesTheSameFile() throws {
        let corpus = site("a", count: 15) { ["Menu \($0 % 4)", "Watch Live on \(["Roku", "Fire TV", "Apple TV"][$0 % 3])"] }
            + site("b", count: 15) { ["Page \($0) of 3"] }
        let first = try suggest(corpus)
        let second = try suggest(corpus)
        #expect(first.ruleFile() == second.ruleFile())
        #expect(first.jsonReport() == second.jsonReport())
        #expect(first.textReport() == second.textReport())
    }

    @Test func yamlQuotingRoundTrips() throws {
        for text in ["plain", "it's", "a: b # c", "\"double\"", "back\\slash", "line\nbreak", "tab\there", " lead", "trail ",
                     "sep\u{2028}arator", "del\u{7F}", "emoji 😀", "null", "true", "- dash", "~", ""] {
            let yaml = "key: \(RuleFileWriter.quote(text))\n"
            let rules = "rules:\n  - id: t\n    category: t\n    severity: info\n    message: \(RuleFileWriter.quote(text.isEmpty ? "m" : text))\n    description: d\n    pattern: 'x'\n    examples: {match: [x], no-match: [\(RuleFileWriter.quote(text))]}\n"
            let parsed = RuleLoader.parse(rules, path: "q.yml")
            #expect(parsed.diagnostics.isEmpty, "\(yaml) \(parsed.diagnostics)")
            #expect(parsed.rules.first?.examples.noMatch == [text], "\(yaml)")
        }
    }
}
