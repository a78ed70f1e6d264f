import Foundation
import PCRE2
@testable import ScrapeLintCore
import Testing

/// A polynomial pattern stays under PCRE2's per-start-position match limit at every position and can still
/// take minutes over all of them; the per-document budget stops it, names it, and the other rules go on.
@Suite struct MatchBudgetTests {
    static func rules() throws -> RuleSet {
        try ruleSet("rules:\n" + [
            ruleFile("id: polynomial\npattern: 'a*a*x'"),
            ruleFile("id: sane\npattern: '^Advertisement$'\nfix: delete-line"),
        ].map { $0.replacingOccurrences(of: "rules:\n", with: "") }.joined())
    }

    @Test func aPolynomialRuleIsStoppedOnALongLine() throws {
        // 200 KB took 39 s before the budget (issue 14).
        let text = Array(("Advertisement\n" + String(repeating: "a", count: 200_000) + "!x\n").utf8)
        let checker = Checker(ruleSet: try Self.rules())
        let started = Date()
        let result = checker.check(Document(text))
        #expect(Date().timeIntervalSince(started) < 8)
        #expect(result.failures.map(\.ruleID) == ["polynomial"])
        #expect(result.violations.map(\.ruleID) == ["sane"])
    }

    @Test func manyLongLinesAreBoundedByTime() throws {
        // Each line alone stays within one call's share; together they meet the time budget.
        let line = String(repeating: "a", count: 20_000) + "!x\n"
        let text = Array(String(repeating: line, count: 400).utf8)
        let checker = Checker(ruleSet: try Self.rules())
        let started = Date()
        let result = checker.check(Document(text))
        #expect(Date().timeIntervalSince(started) < Double(MatchBudget.seconds) + 8)
        #expect(result.failures.map(\.ruleID) == ["polynomial"])
    }

    @Test func saneRulesOnLongLinesKeepTheirLimits() throws {
        var limits = MatchLimits.default
        limits.match = 1_000_000
        let budget = MatchBudget(started: 0)
        #expect(budget.limits(limits, subjectLength: 80) == limits)
        #expect(budget.limits(limits, subjectLength: 4_000_000).match == MatchBudget.minimumStepsPerStart)
    }
}
