import Foundation
@testable import ScrapeLintCore
import Testing

/// The search stage's prefilters (Vectorscan, line-start bytes, required bytes, multiline scans) may only
/// skip units PCRE2 would not match: checking and fixing with them must give exactly what giving every unit
/// to PCRE2 gives, on every fixture and on generated documents.
@Suite struct SearchExactnessTests {
    static let fixtures: [String] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures")
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(".txt") { files.append(root.appendingPathComponent(relative).path) }
        }
        return files.sorted()
    }()

    /// A checker with every prefilter the default uses; with a library proven exact the Vectorscan database
    /// is loaded before the first document (by default only after a megabyte), so that it is what is compared.
    /// Its database is cached in the tests' own folder, never the user's.
    static func prefiltered(_ ruleSet: RuleSet) -> Checker {
        let checker = Checker(ruleSet: ruleSet)
        checker.prefilterCacheFolder = TemporaryCache.folder
        if VectorscanLibrary.isProvenExact { checker.prefilterPolicy = .immediately }
        return checker
    }

    static func exhaustive(_ ruleSet: RuleSet) -> Checker {
        let checker = Checker(ruleSet: ruleSet)
        checker.searchMode = .exhaustive
        return checker
    }

    /// The text with every line ending made LF (the documents Vectorscan scans).
    static func lfOnly(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D {
                result.append(0x0A)
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
            } else {
                result.append(bytes[index])
            }
            index += 1
        }
        return result
    }

    static func expectSame(_ text: [UInt8], _ ruleSet: RuleSet, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let fast = prefiltered(ruleSet), plain = exhaustive(ruleSet)
        let document = Document(text)
        let fastResult = fast.check(document), plainResult = plain.check(document)
        let differing = ruleSet.rules.indices.filter { fastResult.hits[$0] != plainResult.hits[$0] }.map { ruleSet.rules[$0].id }
        #expect(fastResult == plainResult, "\(label): rules \(differing)", sourceLocation: sourceLocation)
        let a = Fixer(checker: fast).fix(text), b = Fixer(checker: plain).fix(text)
        #expect(a.bytes == b.bytes, "\(label)", sourceLocation: sourceLocation)
        #expect(a.remaining.violations == b.remaining.violations, "\(label)", sourceLocation: sourceLocation)
    }

    @Test func thereAreFixtures() { #expect(Self.fixtures.count >= 6) }

    @Test(arguments: fixtures)
    func prefiltersChangeNothingOnFixtures(_ path: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let ruleSet = BuiltinRuleTests.ruleSet
        for (text, label) in [(bytes, "as is"), (Array("€\n".utf8) + bytes, "prefixed"), (bytes.map { $0 == 0x0A ? 0x0D : $0 }, "CR"),
                              (Self.lfOnly(bytes), "LF only")] {
            Self.expectSame(text, ruleSet, "\(path) \(label)")
        }
    }

    @Test(arguments: 0..<40)
    func prefiltersChangeNothingOnGeneratedDocuments(_ seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed) &+ 7_000)
        let document = GeneratedDocument(using: &generator, blocks: 24)
        Self.expectSame(document.bytes, BuiltinRuleTests.ruleSet, "seed \(seed)")
        Self.expectSame(Self.lfOnly(document.bytes), BuiltinRuleTests.ruleSet, "seed \(seed), LF only")
    }

    /// Patterns whose meaning at line and paragraph edges differs most between a whole-document scan and
    /// a match of the unit alone.
    @Test func edgeCasesOfAWholeDocumentScan() throws {
        let rules = try ruleSet("rules:\n" + [
            "id: anchored\npattern: '^Ad$'\nfix: delete-line",
            "id: lookbehind\npattern: '(?<![a-z])tail'",
            "id: lookahead\npattern: 'head(?!\\w)'",
            "id: boundary\npattern: '\\bword\\b'",
            "id: caseless\npattern: 'ÉCOLE'\nflags: [caseless]",
            "id: spaces\npattern: '\\s{2,}x'",
            "id: dollar\npattern: 'end\\s*$'",
            "id: paragraph-edges\npattern: '^First.*last$'\nscope: paragraph\nflags: [dotall]",
            "id: paragraph-lines\npattern: '^Second$'\nscope: paragraph\nflags: [multiline]",
            "id: extended\npattern: 'ex  tended  # comment'\nflags: [extended]",
        ].map { ruleFile($0).replacingOccurrences(of: "rules:\n", with: "") }.joined())
        let text = "Ad\nno Ad\natail\ntail here\nhead\nheadx\nword\nswordy\nécole\nÉcole\n  \n  x\nthe end  \nend\n\n"
            + "First line\nand last\n\nFirst\nSecond\nThird last\n\nextended\n"
        for variant in [text, "\u{FEFF}" + text, text.replacingOccurrences(of: "\n", with: "\r\n"), "x\u{FF}\n" + text] {
            Self.expectSame(Array(variant.utf8), rules, variant.debugDescription)
        }
    }

    /// Paragraph rules anchored at the paragraph's start (`\A`, or `^` without multiline) are tried only on
    /// paragraphs whose first byte can start a match, in valid UTF-8; with an invalid byte, where `\A` also
    /// matches at the start of a later valid segment, on every paragraph.
    @Test func paragraphStartPrefilterChangesNothing() throws {
        let rules = try ruleSet("rules:\n" + [
            "id: caption\npattern: '\\A[ \\t]*(?:Image|Video)[ \\t]+caption,[^\\n]*+(?:\\n[^\\n]*+){0,2}\\z'\nscope: paragraph\nfix: delete-paragraph\nmax-words: 20",
            "id: note\npattern: '^Note:'\nscope: paragraph\nfix: delete-paragraph",
            "id: any-line-note\npattern: '^Later:'\nscope: paragraph\nflags: [multiline]\nfix: delete-paragraph",
        ].map { ruleFile($0).replacingOccurrences(of: "rules:\n", with: "") }.joined())
        #expect(rules.rules.map(\.strategy) == ["paragraph-start", "paragraph-start", "paragraph"])
        let text = "Image caption,\nThe mayor\n\n  Video caption, a long\nline\n\nThe Image caption, stays\n\nNote: gone\n\n"
            + "A note\nLater: gone too\n\nimage caption, stays\n"
        let bytes = Array(text.utf8)
        // "x", an invalid byte, then the caption: `\A` matches after the invalid byte.
        let invalid = bytes + Array("\n".utf8) + [0x78, 0xFF] + Array("Image caption, after a bad byte\n\n\u{FF}Note: too\n".utf8)
        for variant in [bytes, Array("\u{FEFF}".utf8) + bytes, Self.lfOnly(bytes), invalid] {
            Self.expectSame(variant, rules, "\(variant)")
        }
        // The paragraph after the invalid byte is removed (its `\A` match lies after the first byte).
        let fixed = String(decoding: Fixer(checker: Self.prefiltered(rules)).fix(invalid).bytes, as: UTF8.self)
        #expect(!fixed.contains("after a bad byte") && fixed.contains("The Image caption, stays") && !fixed.contains("Note: gone"))
    }

    /// Most built-in line rules have a per-line prefilter (so the tests above compare something).
    @Test func builtinRulesGetPrefilters() {
        let ruleSet = BuiltinRuleTests.ruleSet
        let lineRules = ruleSet.rules.filter { $0.rule.scope == .line }
        #expect(lineRules.filter { $0.linePrefilters.lineStartBytes != nil }.count * 2 > lineRules.count)
    }
}
