#if Vectorscan
import Foundation
@testable import ScrapeLintCore
import Testing

/// When the Vectorscan database is read, compiled and used: small runs never start a compile, a missing
/// database is compiled in the background and used from the next document on, and it is cached in the
/// checker's cache folder (the tests' own, never the user's).
@Suite struct PrefilterProviderTests {
    /// A rule set whose expressions no other test has, so that it gets a provider of its own (providers are
    /// shared by every rule set of the same expressions in a process).
    static func uniqueRuleSet() throws -> RuleSet {
        let token = "zq" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        return try ruleSet(ruleFile("id: unique\npattern: '\(token)\\w*'\nexamples: {match: [\"\(token)\"], no-match: [\"y\"]}"))
    }

    /// A document of about `bytes` bytes with a match of the rule every 50 lines.
    static func document(_ ruleSet: RuleSet, bytes: Int) -> Document {
        let token = String(ruleSet.rules[0].rule.pattern.prefix(14))
        var text = ""
        var line = 0
        while text.utf8.count < bytes {
            text += line % 50 == 7 ? "a line with \(token)x in it\n" : "an ordinary line of text number \(line)\n"
            line += 1
        }
        return Document(Array(text.utf8))
    }

    static func checker(_ ruleSet: RuleSet, folder: String, policy: PrefilterProvider.Policy) -> Checker {
        let checker = Checker(ruleSet: ruleSet)
        checker.prefilterCacheFolder = folder
        checker.prefilterPolicy = policy
        return checker
    }

    @Test func aSmallRunStartsNoCompile() throws {
        let folder = try TemporaryCache.makeEmptyFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rules = try Self.uniqueRuleSet()
        let checker = Self.checker(rules, folder: folder, policy: .automatic)
        let result = checker.check(Self.document(rules, bytes: 200_000))
        #expect(result.violations.count == 109)
        let provider = try #require(rules.search.prefilter)
        #expect(!provider.hasStartedCompile)
        #expect(provider.origin == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [])
    }

    @Test func aMissingDatabaseIsCompiledInTheBackgroundAndUsedFromTheNextDocument() throws {
        let folder = try TemporaryCache.makeEmptyFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rules = try Self.uniqueRuleSet()
        let checker = Self.checker(rules, folder: folder, policy: .automatic)
        let plain = SearchExactnessTests.exhaustive(rules)
        let provider = try #require(rules.search.prefilter)
        let first = Self.document(rules, bytes: PrefilterProvider.cacheThreshold + 1_000)
        #expect(checker.check(first) == plain.check(first))
        #expect(provider.hasStartedCompile)
        provider.waitForCompile()
        #expect(provider.origin == "compiled, cached in \(folder)")
        #expect(provider.loadedDatabaseCovers(0))
        let written = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(written.count == 1 && written[0].hasPrefix("prefilter-") && written[0].hasSuffix(".hsdb"), "\(written)")
        let second = Self.document(rules, bytes: 50_000)
        #expect(checker.check(second) == plain.check(second))
    }

    /// `--vectorscan` (and the tests) wait for the database before the first document.
    @Test func immediatelyCompilesBeforeTheFirstDocument() throws {
        let folder = try TemporaryCache.makeEmptyFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rules = try Self.uniqueRuleSet()
        let checker = Self.checker(rules, folder: folder, policy: .immediately)
        _ = checker.check(Self.document(rules, bytes: 1_000))
        #expect(rules.search.prefilter?.origin == "compiled, cached in \(folder)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 1)
    }

    /// The tests' checkers that load the built-in database cache it in the tests' folder.
    @Test func testCheckersUseTheTestsCacheFolder() {
        #expect(SearchExactnessTests.prefiltered(BuiltinRuleTests.ruleSet).prefilterCacheFolder == TemporaryCache.folder)
        #expect(TemporaryCache.folder.hasPrefix(FileManager.default.temporaryDirectory.path))
    }
}
#endif
