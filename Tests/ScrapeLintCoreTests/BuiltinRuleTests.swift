import Foundation
import PCRE2
@testable import ScrapeLintCore
@testable import ScrapeLintRules
import Testing

/// The examples of every built-in rule run as tests, through the same runner as `scrapelint test`.
@Suite struct BuiltinRuleTests {
    static let ruleSet: RuleSet = try! RuleSet(try! RuleSources.builtinRules())

    @Test func builtinPacksLoadWithoutDiagnostics() throws {
        #expect(!RuleSources.builtinPacks.isEmpty)
        for pack in RuleSources.builtinPacks {
            #expect(RuleLoader.parse(pack.contents, path: pack.name).diagnostics.isEmpty, "\(pack.name)")
        }
    }

    /// The rules embedded at build time are exactly what the loader reads from the packs' YAML, every
    /// field (`Rule` is compared whole), in the same order: the two can never drift.
    @Test func embeddedRulesEqualWhatTheLoaderReadsFromThePacks() throws {
        var loaded: [Rule] = []
        for pack in RuleSources.builtinPacks {
            let parsed = RuleLoader.parse(pack.contents, path: RuleSources.builtinPrefix + pack.name)
            #expect(parsed.diagnostics.isEmpty, "\(pack.name)")
            loaded += parsed.rules
        }
        let embedded = try RuleSources.builtinRules()
        #expect(embedded.count == loaded.count)
        for (built, read) in zip(embedded, loaded) { #expect(built == read) }
        #expect(embedded == loaded)
        // The packs are the repository's Rules/*.yml, byte for byte.
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Rules").standardized
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yml") }.sorted()
        #expect(RuleSources.builtinPacks.map(\.name) == names)
        for pack in RuleSources.builtinPacks {
            #expect(try String(contentsOf: folder.appendingPathComponent(pack.name), encoding: .utf8) == pack.contents, "\(pack.name)")
        }
    }

    /// The line-start (and paragraph-start) bytes embed-rules derived at build time are exactly what the
    /// run-time derivation gives for every anchored line (paragraph) pattern of the packs, and the tables
    /// hold no other pattern, so that start-up can skip the second compile of each without changing a prefilter.
    @Test func embeddedLineStartBytesEqualWhatTheRunTimeDerives() throws {
        #expect(EmbeddedRulePacks.pcre2Version == Pattern.libraryVersion)
        var derived: [PatternKey: ByteSet?] = [:]
        for rule in try RuleSources.builtinRules() where rule.scope == .line {
            let pattern = try Pattern(rule.pattern, options: rule.compileOptions, jit: false)
            guard LineStartBytes.needsCompile(pattern) else { continue }
            derived[PatternKey(source: rule.pattern, options: rule.compileOptions.rawValue)] =
                .some(LineStartBytes.derive(rule.pattern, pattern: pattern, options: rule.compileOptions))
        }
        #expect(derived.count >= 10)
        #expect(Set(EmbeddedRulePacks.lineStartBytes.keys) == Set(derived.keys))
        for (key, bytes) in derived {
            #expect(EmbeddedRulePacks.lineStartBytes[key] == .some(bytes), "\(key.source)")
            // The prefilter takes the embedded entry.
            #expect(LinePrefilters.embeddedLineStartBytes(key.source, options: CompileOptions(rawValue: key.options)) == .some(bytes))
        }
        // The compiled rule set's prefilters are those bytes.
        for rule in Self.ruleSet.rules where rule.rule.scope == .line {
            let key = PatternKey(source: rule.rule.pattern, options: rule.rule.compileOptions.rawValue)
            if let bytes = derived[key] { #expect(rule.linePrefilters.lineStartBytes == bytes, "\(rule.id)") }
        }

        // The same for the paragraph-start bytes of anchored paragraph patterns.
        var paragraphs: [PatternKey: ByteSet?] = [:]
        for rule in try RuleSources.builtinRules() where rule.scope == .paragraph {
            let pattern = try Pattern(rule.pattern, options: rule.compileOptions, jit: false)
            guard LineStartBytes.needsCompile(pattern) else { continue }
            paragraphs[PatternKey(source: rule.pattern, options: rule.compileOptions)] =
                .some(LineStartBytes.paragraphStart(rule.pattern, pattern: pattern, options: rule.compileOptions))
        }
        #expect(!paragraphs.isEmpty)
        #expect(Set(EmbeddedRulePacks.paragraphStartBytes.keys) == Set(paragraphs.keys))
        for (key, bytes) in paragraphs {
            #expect(EmbeddedRulePacks.paragraphStartBytes[key] == .some(bytes), "\(key.source)")
        }
        for rule in Self.ruleSet.rules where rule.rule.scope == .paragraph {
            if let bytes = paragraphs[PatternKey(source: rule.rule.pattern, options: rule.rule.compileOptions)] {
                #expect(rule.paragraphStartBytes == bytes, "\(rule.id)")
            }
        }
    }

    @Test(arguments: ruleSet.rules.map(\.id))
    func examples(of id: String) {
        let summary = ExampleRunner(ruleSet: Self.ruleSet).run(only: [id])
        #expect(summary.examples >= 2)
        #expect(summary.failures.isEmpty, "\(summary.failures.map(\.description).joined(separator: "\n"))")
    }

    /// A caption rule takes the caption line and nothing more, also when the text separates its
    /// paragraphs with single line breaks (then the whole text is one paragraph).
    @Test func captionRulesTakeOnlyTheCaptionLine() throws {
        let fixer = Fixer(checker: Checker(ruleSet: Self.ruleSet))
        let brief = """
            The council approved the new harbour wall on Tuesday after two years of debate.
            Work is due to start in the spring and should take eighteen months, officials said.
            Fishing boats moored at the old quay at dawn on Monday, March 3, 2025. REUTERS/Jane Roe
            Officials said the old quay would reopen next year.

            """
        let fixed = String(decoding: fixer.fix(Array(brief.utf8)).bytes, as: UTF8.self)
        #expect(fixed == """
            The council approved the new harbour wall on Tuesday after two years of debate.
            Work is due to start in the spring and should take eighteen months, officials said.
            Officials said the old quay would reopen next year.

            """)
        let filePhoto = "FILE PHOTO: A ferry leaves the harbour at dusk.\nThe ferry company said on Monday it would cut two routes.\n"
        #expect(String(decoding: fixer.fix(Array(filePhoto.utf8)).bytes, as: UTF8.self) == "The ferry company said on Monday it would cut two routes.\n")
        let credit = "Fans gather outside the stadium. (AP Photo/John Doe)\nThe match starts at eight.\n"
        let violation = try #require(Checker(ruleSet: Self.ruleSet).check(Document(Array(credit.utf8))).violations.first)
        #expect(violation.ruleID == "caption-photo-credit")
        #expect(violation.message == "photo caption ending in a photo credit: '(AP Photo/John Doe)'")
    }

    /// Matches must survive a multi-byte prefix (catches byte/character offset mix-ups).
    @Test(arguments: ruleSet.rules.map(\.id))
    func examplesWithAMultibytePrefix(of id: String) throws {
        let rule = try #require(Self.ruleSet[id]).rule
        let checker = Checker(ruleSet: Self.ruleSet)
        for example in rule.examples.match {
            let plain = checker.check(Document(Array(example.utf8))).violations.filter { $0.ruleID == id }
            let prefixed = checker.check(Document(Array(("€ü漢\n\n" + example).utf8))).violations.filter { $0.ruleID == id }
            // Zone and near gates may depend on position; compare only when the plain example matched by shape.
            if rule.gates.zone == nil {
                #expect(prefixed.map { $0.range.count } == plain.map { $0.range.count }, "\(example)")
            }
        }
    }
}

/// Later passes of the fix loop reuse the matches of unchanged lines and paragraphs; the outcome must be
/// exactly that of checking every pass in full.
@Suite struct IncrementalFixTests {
    @Test(arguments: SearchExactnessTests.fixtures)
    func reuseGivesTheSameOutcome(_ path: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let checker = Checker(ruleSet: BuiltinRuleTests.ruleSet)
        var full = Fixer(checker: checker)
        full.reusesUnchangedUnits = false
        let incremental = Fixer(checker: checker)
        // The file as it is, with CR line endings, and doubled (noise in the middle of a longer text).
        for text in [bytes, bytes.map { $0 == 0x0A ? 0x0D : $0 }, bytes + Array("\n\n".utf8) + bytes] {
            let a = full.fix(text), b = incremental.fix(text)
            #expect(a.bytes == b.bytes)
            #expect(a.fixedCounts == b.fixedCounts)
            #expect(a.remaining.violations == b.remaining.violations)
            #expect(a.removed == b.removed)
        }
    }

    @Test func reusedCheckEqualsAFullCheck() throws {
        let rules = try ruleSet("rules:\n" + [
            ruleFile("id: noise\npattern: '^NOISE$'\nfix: delete-line"),
            ruleFile("id: nbsp\npattern: '\\x{A0}'\nfix: replace\nreplacement: ' '"),
            ruleFile("id: report\npattern: '^Keep (\\w+)$'"),
            ruleFile("id: para\npattern: 'END$'\nscope: paragraph"),
        ].map { $0.replacingOccurrences(of: "rules:\n", with: "") }.joined())
        let checker = Checker(ruleSet: rules)
        let text = "Keep a\nNOISE\nKeep\u{A0}b\n\nPara one END\n\nNOISE\n\nKeep c\nlast END"
        let first = Document(Array(text.utf8))
        let result = checker.check(first)
        let applied = EditApplier(document: first).apply(result.violations.filter { $0.fix != nil })
        let second = Document(applied.bytes)
        let reused = checker.check(second, changedSince: .init(document: first, result: result,
                                                               lineOrigins: Fixer.lineOrigins(applied.copiedRuns, from: first, in: second)))
        #expect(reused == checker.check(second))
        #expect(reused.violations.map(\.ruleID) == ["report", "report", "para", "report", "para"])
        // A lying claim costs reuse, never correctness.
        let wrong = checker.check(second, changedSince: .init(document: first, result: result,
                                                              lineOrigins: IndexTable(Array(repeating: 0, count: second.lines.count))))
        #expect(wrong == checker.check(second))
    }
}
