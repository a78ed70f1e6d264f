import Foundation
@testable import ScrapeLintCore
import Testing

@Suite struct FileAccessTests {
    private func temporaryFile(_ text: String) throws -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("access-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("a.txt").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return (folder, path)
    }

    private func names(in folder: URL) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() }

    @Test func aFileChangedSinceItWasReadIsNotOverwritten() throws {
        let (folder, path) = try temporaryFile("original\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (bytes, stamp) = try FileAccess.readStamped(path)
        #expect(bytes == Array("original\n".utf8))
        // Another program writes the file (same size) while it is being fixed.
        try Data("ORIGINAL\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ScrapeLintError.io(path: path, message: "changed while it was being fixed; left as it is")) {
            try FileAccess.replaceAtomically(path, with: Array("fixed\n".utf8), ifUnchangedSince: stamp)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("ORIGINAL\n".utf8))
        #expect(try names(in: folder) == ["a.txt"])
    }

    @Test func anUnchangedFileIsReplaced() throws {
        let (folder, path) = try temporaryFile("original\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (_, stamp) = try FileAccess.readStamped(path)
        try FileAccess.replaceAtomically(path, with: Array("fixed\n".utf8), ifUnchangedSince: stamp)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("fixed\n".utf8))
        #expect(try names(in: folder) == ["a.txt"])
    }

    @Test func aFolderIsNotAFile() throws {
        let (folder, _) = try temporaryFile("x")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: ScrapeLintError.io(path: folder.path, message: "is a directory")) { try FileAccess.read(folder.path) }
    }
}

@Suite struct RunawayFixTests {
    /// Found by the rule-file fuzzer (Tests/Fuzz/regressions/rules/growing-replacement.yml): a replacement
    /// that doubles every line break grew a 6 KB text 1,024 times over ten passes.
    @Test func aFixThatKeepsGrowingTheTextIsStopped() throws {
        let rules = try ruleSet(ruleFile("""
        scope: document
        pattern: '(\\n)'
        fix: replace
        replacement: '$1$1'
        examples: {match: ["a\\nb"], no-match: ["ab"]}
        """))
        let input = Array(String(repeating: "line\n", count: 1000).utf8)
        let outcome = Fixer(checker: Checker(ruleSet: rules)).fix(input)
        #expect(outcome.unconverged == ["test-rule"])
        #expect(outcome.bytes.count <= 2 * input.count)
    }
}
