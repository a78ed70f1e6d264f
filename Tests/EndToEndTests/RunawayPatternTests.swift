import Foundation
import Testing

/// Catastrophic patterns on hostile input are cut off by PCRE2's limits: an error naming the rule and the
/// file, the other rules and files go on, and the run stays within seconds.
@Suite struct RunawayPatternTests {
    static let rules = """
    rules:
      - id: runaway-nested
        category: test
        severity: warning
        message: 'nested quantifier'
        description: Catastrophic on a long run of a's that does not end the line.
        pattern: '(a+)+$'
        fix: delete-line
        examples: {match: ["aaa"], no-match: ["b"]}
      - id: runaway-star
        category: test
        severity: warning
        message: 'star of star'
        description: Looks catastrophic; PCRE2 stops trying early, so it must simply finish.
        pattern: '(.*)*x'
        scope: paragraph
        examples: {match: ["yabx"], no-match: ["ab"]}
      - id: plain-ad
        category: test
        severity: warning
        message: 'ad'
        description: A sane rule that must keep working.
        pattern: '^Advertisement$'
        fix: delete-line
        examples: {match: ["Advertisement"], no-match: ["Ad"]}
    """

    private func scratch() throws -> Scratch {
        let scratch = try Scratch()
        try Data(Self.rules.utf8).write(to: scratch.url("runaway.yml"))
        let hostile = String(repeating: "a", count: 5000) + "!\n" + "y" + String(repeating: "ab", count: 20_000) + "\nAdvertisement\n"
        try scratch.write("hostile.txt", Array(hostile.utf8))
        try scratch.write("plain.txt", Array("Advertisement\nText\n".utf8))
        return scratch
    }

    private func run(_ scratch: Scratch, _ arguments: [String]) throws -> (CLI.Result, Double) {
        let started = Date()
        let result = try CLI.run(["check", "--no-builtin", "--rules", "runaway.yml", "--quiet"] + arguments, in: scratch.folder)
        return (result, Date().timeIntervalSince(started))
    }

    @Test func runawayRulesAreStoppedAndTheRunGoesOn() throws {
        let scratch = try scratch()
        defer { scratch.remove() }
        let (result, seconds) = try run(scratch, ["--fix", "hostile.txt", "plain.txt"])
        #expect(seconds < 10)
        #expect(result.status == 2)
        #expect(result.stderr.contains("hostile.txt: error: rule `runaway-nested` was stopped: match limit exceeded; its matches in this file are not reported"))
        #expect(!result.stderr.contains("runaway-star"))
        #expect(!result.stderr.contains("plain.txt: error"))
        // The sane rule fixed both files; the runaway rule's line stays.
        #expect(try scratch.read("plain.txt") == Array("Text\n".utf8))
        #expect(try String(decoding: scratch.read("hostile.txt"), as: UTF8.self).hasSuffix("ab\n"))
    }

    @Test func globalLimitsAreConfigurable() throws {
        let scratch = try scratch()
        defer { scratch.remove() }
        // Ten a's take about a thousand steps of `(a+)+$`: within the default limit, not within 100.
        try scratch.write("ten.txt", Array("aaaaaaaaaa!\n".utf8))
        let (normal, _) = try run(scratch, ["--select", "runaway-nested", "ten.txt"])
        #expect(normal.status == 0, "\(normal.stderr)")
        let (low, _) = try run(scratch, ["--select", "runaway-nested", "--match-limit", "100", "ten.txt"])
        #expect(low.status == 2)
        #expect(low.stderr.contains("ten.txt: error: rule `runaway-nested` was stopped: match limit exceeded"))
        let (zero, _) = try run(scratch, ["--match-limit", "0", "plain.txt"])
        #expect(zero.status == 2)
        #expect(zero.stderr.contains("--match-limit must be 1 or more."))
    }

    @Test func aRuleOwnLimitsWinOverTheGlobalOnes() throws {
        let scratch = try scratch()
        defer { scratch.remove() }
        let own = Self.rules.replacingOccurrences(of: "pattern: '(a+)+$'", with: "pattern: '(a+)+$'\n    limits: {match: 100000}")
        try Data(own.utf8).write(to: scratch.url("runaway.yml"))
        try scratch.write("ten.txt", Array("aaaaaaaaaa!\n".utf8))
        let (result, _) = try run(scratch, ["--match-limit", "100", "--select", "runaway-nested", "ten.txt"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// A polynomial pattern stays under the per-position match limit; its per-document budget stops it
    /// (issue 14: 200 KB took 39 s), it is named with the file, and the other file is still reported.
    @Test func aPolynomialRuleIsStoppedByItsBudget() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let rules = """
        rules:
          - id: polynomial
            category: test
            severity: warning
            message: 'a*a*x'
            description: Polynomial on a long line of a's.
            pattern: 'a*a*x'
            examples: {match: ["ax"], no-match: ["b"]}
          - id: plain-ad
            category: test
            severity: warning
            message: 'ad'
            description: A sane rule.
            pattern: '^Advertisement$'
            examples: {match: ["Advertisement"], no-match: ["Ad"]}
        """
        try Data(rules.utf8).write(to: scratch.url("poly.yml"))
        try scratch.write("slow.txt", Array((String(repeating: "a", count: 200_000) + "!x\n").utf8))
        try scratch.write("plain.txt", Array("Advertisement\nText\n".utf8))
        let started = Date()
        let result = try CLI.run(["check", "--no-builtin", "--rules", "poly.yml", "--quiet", "--format", "jsonl", "slow.txt", "plain.txt"],
                                 in: scratch.folder)
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(result.status == 2)
        #expect(result.stderr.contains("slow.txt: error: rule `polynomial` was stopped"), "\(result.stderr)")
        #expect(result.out.contains("plain.txt"))
        #expect(result.out.contains("plain-ad"))
    }
}
