#if Vectorscan
import CVectorscan
import Foundation
@testable import ScrapeLintCore
import Testing

/// How the database compile treats an expression that passes admission (`hs_expression_info`) but that
/// the compile itself refuses.
@Suite struct VectorscanCompileTests {
    /// 300 bounded repeats of small classes: Hyperscan 5.4.0 parses it, then refuses to compile it
    /// ("Pattern is too large."), with or without the other expressions.
    static let tooLarge = "(?:" + (0..<300).map { "[a-z\(Character(UnicodeScalar(65 + $0 % 26)!))]{1,3}" }.joined() + ")"

    @Test func anExpressionTheCompileRefusesIsLeftOutOfTheOneDatabase() throws {
        let rule = try #require(BuiltinRuleTests.ruleSet["layout-template-variable"])
        let good = try #require(PrefilterProvider.expression(for: rule))
        let large = VectorscanDatabase.Expression(source: Self.tooLarge, flags: UInt32(HS_FLAG_UTF8 | HS_FLAG_UCP | HS_FLAG_MULTILINE))
        #expect(VectorscanDatabase.admit(large.source, flags: large.flags) != nil, "admitted, so that the compile is what refuses it")
        let database = try #require(VectorscanDatabase.compile([good, large, good], combined: true))
        // Before: the refusal failed the one-database compile, and every expression got a database of its own.
        #expect(database.isCombined)
        #expect(database.databases.count == 1)
        #expect(database.refused == [1])
        // The others are still found.
        let scratch = try #require(VectorscanScratch(for: database))
        let text = Array("Some prose.\n  {{ article.title }}\nMore prose.\n".utf8)
        var found: [UInt32] = []
        text.withUnsafeBufferPointer { buffer in
            database.scan(buffer, scratch: scratch) { id, _ in found.append(id); return true }
        }
        #expect(Set(found) == [0, 2])
    }
}
#endif
