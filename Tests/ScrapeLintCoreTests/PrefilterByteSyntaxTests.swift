#if Vectorscan
import CVectorscan
#endif
import Foundation
import PCRE2
@testable import ScrapeLintCore
import Testing

/// The byte-mode rewrite (``PrefilterByteSyntax``): exact outputs for each construct, what it gives up on,
/// the caseless facts it relies on (checked over every code point), and that every built-in pattern's
/// rewrite, compiled by Hyperscan in byte mode, matches every line and paragraph the pattern matches in the
/// fixtures, generated documents and its rule's examples.
@Suite struct PrefilterByteSyntaxTests {
    static let any = PrefilterByteSyntax.anyNonASCII

    static func translate(_ pattern: String, caseless: Bool = false, dotall: Bool = false, extended: Bool = false) -> String? {
        PrefilterByteSyntax.translate(pattern, caseless: caseless, dotall: dotall, extended: extended)
    }

    @Test(arguments: [
        // Literals: ASCII as letters or \x escapes; non-ASCII as their exact bytes.
        ("ab.c", "ab(?:[\\x00-\\x09\\x0B\\x0C\\x0E-\\x7F]|\(any))c"),
        ("a•", "a\\xE2\\x80\\xA2"),
        // Classes: the ASCII members from PCRE2, listed non-ASCII characters exactly.
        ("[•*-][ \\t]*", "(?:[\\x2A\\x2D]|\\xE2\\x80\\xA2)[\\x09\\x20]*"),
        ("•+", "(?:\\xE2\\x80\\xA2)+"),
        ("[^\\n]", "(?:[\\x00-\\x09\\x0B-\\x7F]|\(any))"),
        ("\\p{Lu}\\d{2,4}", "(?:[A-Z]|\(any))(?:[0-9]|\(any)){2,}"),
        ("[a-zé-ü]x", "(?:[a-z]|\(any))x"),
        ("\\x{2014}\\x41\\t", "\\xE2\\x80\\x94A\\x09"),
        // Assertions dropped; anchors kept; groups non-capturing; possessive, atomic and lazy made plain.
        ("^(?<n>\\bab\\B)(?=c)(?<!d)x*+(?>y)z+?$", "^(?:ab)x*(?:y)z+$"),
        ("a\\Kb", "ab"),
        // Options as PCRE2 scopes them: `(?i)` to the end of its group, `(?i:` inside.
        ("(?:a(?i)b|c)d(?i:e)", "(?:a[Bb]|[Cc])d(?:[Ee])"),
        // Caseless `k` and `s` also match U+212A and U+017F.
        ("(?i)ks", "(?:[Kk]|\\xE2\\x84\\xAA)(?:[Ss]|\\xC5\\xBF)"),
        ("(?i)é", "\(any)"),
        // Extended mode: white space and comments go.
        ("(?x) a  b # note\n c", "abc"),
        ("a{3}b{2,}c{,2}", "a{3}b{2,}c\\x7B\\x2C2\\x7D"),
        // Small bounds stay (exact), larger ones open.
        ("a{0,3}b{1,2}c{2,4}(?:d|e){0,30}", "a{0,3}b{1,2}c{2,}(?:d|e){0,}"),
        ("\\N{U+2022}\\N", "\\xE2\\x80\\xA2(?:[\\x00-\\x09\\x0B\\x0C\\x0E-\\x7F]|\(any))"),
    ])
    func rewrites(_ pattern: String, _ expected: String) {
        #expect(Self.translate(pattern) == expected)
    }

    /// With `cutsLeadingLineRun` (what the database compiles) a top-level alternative's leading `^` and run
    /// of any characters go; nothing else changes, and groups keep theirs.
    @Test(arguments: [
        ("^[^\\n]*foo", "foo"),
        ("^.*foo$", "foo$"),
        ("(?s)^.*foo", "foo"),
        ("^(?:[^\\n]*[ \\t])?REUTERS/", "REUTERS\\x2F"),
        ("^[^\\n]*?\\K(?:^|(?<=[ (]))x", "(?:^|)x"),
        ("a|^[^\\n]*b", "a|b"),
        ("^\\N*x", "x"),
        // Not a run of any character, or not leading, or not at the top level: kept.
        ("^[ \\t]*x", "^[\\x09\\x20]*x"),
        ("^[^\\n]+x", "^(?:[\\x00-\\x09\\x0B-\\x7F]|\(any))+x"),
        ("^(?:[^\\n]*a|b)?x", "^(?:(?:[\\x00-\\x09\\x0B-\\x7F]|\(any))*a|b)?x"),
        ("(?:^[^\\n]*x)", "(?:^(?:[\\x00-\\x09\\x0B-\\x7F]|\(any))*x)"),
        ("a^[^\\n]*x", "a^(?:[\\x00-\\x09\\x0B-\\x7F]|\(any))*x"),
        ("^[^\\n]*", ""),
    ])
    func cutsLeadingLineRuns(_ pattern: String, _ expected: String) {
        #expect(PrefilterByteSyntax.translate(pattern, caseless: false, dotall: false, extended: false, cutsLeadingLineRun: true) == expected)
    }

    @Test func ruleOptionsApply() {
        #expect(Self.translate("k.", caseless: true, dotall: true) == "(?:[Kk]|\\xE2\\x84\\xAA)(?:[\\x00-\\x7F]|\(Self.any))")
        #expect(Self.translate("a b", extended: true) == "ab")
    }

    @Test(arguments: ["(a)\\1", "\\k<n>", "\\Qa\\E", "(?(1)a|b)", "(?1)", "(?R)", "(*UTF)a", "\\Aa", "a\\z", "\\Ga", "\\R", "\\X",
                      "(?xx)a", "\\y", "(?=x)*a", "[a", "(a", "a{2}{3}"])
    func givesUp(_ pattern: String) {
        #expect(Self.translate(pattern) == nil)
    }

    /// The only non-ASCII characters PCRE2 (UTF + UCP, caseless) matches with an ASCII letter are U+017F
    /// (with `s`) and U+212A (with `k`), which ``PrefilterByteSyntax/caselessPartners`` lists.
    @Test func caselessPartnersOfASCIILettersAreKAndS() throws {
        var text: [UInt8] = []
        for value in 0x80...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            text += Array(String(scalar).utf8)
        }
        var found: [String: [UInt32]] = [:]
        for letter in "abcdefghijklmnopqrstuvwxyz" {
            let pattern = try Pattern("\(letter)", options: .caseless)
            let scratch = MatchScratch(captureCount: pattern.captureCount)
            try text.withUnsafeBufferPointer { buffer throws(PCRE2Error) in
                try pattern.forEachMatch(in: buffer, scratch: scratch) { match in
                    let bytes = Array(text[match.range])
                    found[String(letter), default: []].append(String(decoding: bytes, as: UTF8.self).unicodeScalars.first!.value)
                    return true
                }
            }
        }
        #expect(found == ["k": [0x212A], "s": [0x017F]])
        #expect(PrefilterByteSyntax.caselessPartners == [0x6B: 0x212A, 0x4B: 0x212A, 0x73: 0x017F, 0x53: 0x017F])
    }

    #if Vectorscan
    /// A rewrite compiled by Hyperscan in byte mode, multiline, as the database takes it.
    final class BytePattern {
        let database: OpaquePointer
        var scratch: OpaquePointer?

        init(_ source: String) throws {
            var database: OpaquePointer?
            var error: UnsafeMutablePointer<hs_compile_error_t>?
            let status = hs_compile(source, UInt32(HS_FLAG_MULTILINE), UInt32(HS_MODE_BLOCK), nil, &database, &error)
            let message = error.map { String(cString: $0.pointee.message) } ?? ""
            if let error { hs_free_compile_error(error) }
            guard status == HS_SUCCESS, let database else { throw Refused(message: message) }
            self.database = database
            _ = hs_alloc_scratch(database, &scratch)
        }

        struct Refused: Error { let message: String }

        deinit {
            hs_free_scratch(scratch)
            hs_free_database(database)
        }

        func matches(_ subject: [UInt8]) -> Bool {
            var found = false
            subject.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
                withUnsafeMutablePointer(to: &found) { pointer in
                    _ = hs_scan(database, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), UInt32(buffer.count), 0, scratch,
                                { _, _, _, _, context in
                                    context!.assumingMemoryBound(to: Bool.self).pointee = true
                                    return 1
                                }, pointer)
                }
            }
            return found
        }
    }

    /// PCRE2 10.42 says "may match empty" for a pattern whose first consuming pieces are calls of DEFINE
    /// groups (``PrefilterProvider/expression(for:)``); such rules still get an expression, and Hyperscan's
    /// `min_width` of the rewrite decides: `copyright-notice` gets the database (it was left out before),
    /// a pattern with calls that can really match the empty string does not, nor does
    /// `stamp-date-time-age` (40 KB once inlined: over Hyperscan's 16,000-byte pattern limit).
    @Test func rulesPCRE2CallPossiblyEmptyAreDecidedByHyperscan() throws {
        let flags = UInt32(HS_FLAG_UTF8 | HS_FLAG_UCP | HS_FLAG_MULTILINE)
        #expect(try Pattern("(?(DEFINE)(?<a>x))(?&a)").canMatchEmpty)
        #expect(try !Pattern("(?(DEFINE)(?<a>x))y(?&a)").canMatchEmpty)
        let single = try #require(VectorscanDatabase.admit("(?(DEFINE)(?<a>x))(?&a)", flags: flags))
        #expect(single.source == "(?:x)")
        #expect(VectorscanDatabase.admit("(?(DEFINE)(?<a>x?))(?&a)", flags: flags) == nil)
        let rules = BuiltinRuleTests.ruleSet.rules
        let copyright = try #require(rules.first { $0.id == "copyright-notice" })
        #expect(copyright.pattern.canMatchEmpty)
        let expression = try #require(PrefilterProvider.expression(for: copyright))
        #expect(VectorscanDatabase.admitInByteMode(expression.source, flags: expression.flags) != nil)
        #expect(PrefilterProvider.databaseExpressionLines(of: BuiltinRuleTests.ruleSet).contains { $0.hasPrefix("copyright-notice\t") })
        let stamp = try #require(rules.first { $0.id == "stamp-date-time-age" })
        let stampExpression = try #require(PrefilterProvider.expression(for: stamp))
        #expect(VectorscanDatabase.admit(stampExpression.source, flags: stampExpression.flags) == nil)
    }

    /// A cut expression, as the database compiles it, still matches the lines its pattern matches (at the
    /// line's start, after text, after non-ASCII text, inside a document).
    @Test func cutExpressionsStillMatchTheirLines() throws {
        let flags = UInt32(HS_FLAG_UTF8 | HS_FLAG_UCP | HS_FLAG_MULTILINE)
        let agency = try #require(VectorscanDatabase.admitInByteMode("^(?=[^\\n]*REUTERS/)(?:[^\\n]*[ \\t])?\\K(REUTERS/\\p{Lu}\\p{L}*)[ \\t]*$", flags: flags))
        #expect(agency.source == "(?:REUTERS\\x2F(?:[A-Z]|\(Self.any))(?:[A-Za-z]|\(Self.any))*)[\\x09\\x20]*$")
        let pattern = try BytePattern(agency.source)
        for line in ["REUTERS/Kim", "A photo. REUTERS/Kim", "Éclair\tREUTERS/Łukasz  ", "x\nREUTERS/Kim\ny"] {
            #expect(pattern.matches(Array(line.utf8)), "\(line)")
        }
        #expect(!pattern.matches(Array("REUTERS/kim".utf8)))
    }

    /// Every built-in line and paragraph pattern with a rewrite: each unit PCRE2 matches (UTF + UCP, as the
    /// rules run) is matched by the rewrite in byte mode, over the fixtures, generated documents (as they are
    /// and after a non-ASCII prefix) and the rules' own examples.
    @Test func builtinRewritesMatchEveryUnitThePatternsMatch() throws {
        let ruleSet = BuiltinRuleTests.ruleSet
        var documents: [[UInt8]] = try SearchExactnessTests.fixtures.map { try [UInt8](Data(contentsOf: URL(fileURLWithPath: $0))) }
        for seed in 0..<30 {
            var generator = SeededGenerator(seed: UInt64(seed) &+ 7_000)
            let bytes = GeneratedDocument(using: &generator, blocks: 24).bytes
            documents += [bytes, Array("Ωk\u{212A}ſ ".utf8) + bytes]
        }
        var rewritten = 0, units = 0
        for rule in ruleSet.rules {
            guard let expression = PrefilterProvider.expression(for: rule),
                  let admitted = VectorscanDatabase.admitInByteMode(expression.source, flags: expression.flags) else { continue }
            rewritten += 1
            let bytePattern = try BytePattern(admitted.source)
            let scratch = MatchScratch(captureCount: rule.pattern.captureCount)
            var missed: [String] = []
            for text in documents + rule.rule.examples.match.map({ Array($0.utf8) }) {
                let document = Document(text)
                // The database scans only valid UTF-8 with LF line ends.
                guard document.isValidUTF8, !text.contains(0x0D) else { continue }
                let ranges = rule.rule.scope == .line ? document.lines.map { $0.start..<$0.contentEnd }
                    : document.paragraphs.map { document.lines[$0.lines.lowerBound].start..<document.lines[$0.lines.upperBound - 1].contentEnd }
                for range in ranges {
                    let unit = Array(text[range])
                    let found = try unit.withUnsafeBufferPointer { buffer throws(PCRE2Error) in try rule.pattern.firstMatch(in: buffer, scratch: scratch) }
                    guard found != nil else { continue }
                    units += 1
                    if !bytePattern.matches(unit) { missed.append(String(decoding: unit.prefix(120), as: UTF8.self)) }
                }
            }
            #expect(missed.isEmpty, "\(rule.id): \(missed.prefix(3))")
        }
        #expect(rewritten >= 60)
        #expect(units >= 800)
    }
    #endif
}
