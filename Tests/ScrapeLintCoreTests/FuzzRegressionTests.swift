import Foundation
@testable import ScrapeLintCore
import Testing

/// Replays the fuzz harness's inputs (Tests/Fuzz): every input that once crashed or broke an invariant
/// (`regressions/`) and the seed corpus (`seeds/`). Each must load or lint and fix without a broken invariant.
@Suite struct FuzzRegressionTests {
    static let fuzzFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static func inputs(_ target: String) -> [String] {
        ["regressions", "seeds"].flatMap { kind -> [String] in
            let folder = fuzzFolder.appendingPathComponent("\(kind)/\(target)")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(kind)/\(target)/\($0)" }
        }
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fuzzFolder.appendingPathComponent(relative)))
    }

    @Test func thereAreInputs() {
        #expect(Self.inputs("rules").count >= 2)
        #expect(Self.inputs("text").count >= 10)
    }

    @Test(arguments: inputs("rules")) func ruleFileInput(_ relative: String) throws {
        #expect(RobustnessChecks.loadRuleFile(try Self.bytes(relative)) == [])
    }

    @Test func textInputs() throws {
        let fixer = Fixer(checker: Checker(ruleSet: RobustnessChecks.fuzzRuleSet()))
        for relative in Self.inputs("text") {
            #expect(RobustnessChecks.lintAndFix(try Self.bytes(relative), fixer: fixer) == [], "\(relative)")
        }
    }

    /// The edit log target starts from the text seeds; its own regressions go to `regressions/editlog`.
    @Test func editLogInputs() throws {
        var fixer = Fixer(checker: Checker(ruleSet: RobustnessChecks.fuzzRuleSet()), maxRemovedShare: nil)
        fixer.recordsEdits = true
        for relative in Self.inputs("text") + Self.inputs("editlog") {
            #expect(RobustnessChecks.editLogRoundTrip(try Self.bytes(relative), fixer: fixer) == [], "\(relative)")
        }
    }
}
