import Foundation
import Testing

/// `--edit-log` and `scrapelint revert`: the fixes of every fixture and of the JSON Lines sample undone
/// byte for byte (for records: the text values exactly, untouched records byte for byte).
@Suite struct RevertCommandTests {
    private static let fixtures = CLI.root.appendingPathComponent("Fixtures")

    /// Every file of a tree, by relative path.
    private func contents(of folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(relative)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = try Data(contentsOf: url)
            }
        }
        return files
    }

    @Test func fixInPlaceThenRevertRestoresEveryFixture() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tree = folder.appendingPathComponent("Fixtures")
        try FileManager.default.copyItem(at: Self.fixtures, to: tree)
        let original = try contents(of: tree)
        let fixed = try CLI.run(["check", "--fix", "--unsafe-fixes", "--quiet", "--edit-log", "edits.jsonl", "Fixtures"], in: folder)
        #expect(fixed.status != 2, "\(fixed.stderr)")
        // The fix is the usual one: every pair gives its expected text.
        var changed = 0
        for name in CLI.fixturePairs() {
            let now = try Data(contentsOf: tree.appendingPathComponent(name))
            #expect(now == original[String(name.dropLast(4)) + ".clean.txt"], "\(name)")
            if now != original[name] { changed += 1 }
        }
        #expect(changed >= 15)
        let log = try String(contentsOf: folder.appendingPathComponent("edits.jsonl"), encoding: .utf8)
        #expect(log.split(separator: "\n").count > 300)
        let reverted = try CLI.run(["revert", "--edit-log", "edits.jsonl"], in: folder)
        #expect(reverted.status == 0, "\(reverted.stderr)")
        #expect(try contents(of: tree) == original)
        #expect(reverted.stderr.contains("files restored"))
    }

    @Test func cleanedTextRevertsFromStandardOutput() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["invalid-utf8.txt", "crlf.txt", "no-final-newline.txt", "pages/guardian-fishing.txt"] {
            let input = try Data(contentsOf: Self.fixtures.appendingPathComponent(name))
            let cleaned = try CLI.run(["clean", "--edit-log", "edits.jsonl", "-"], stdin: input, in: folder)
            #expect(cleaned.status == 0, "\(cleaned.stderr)")
            try cleaned.stdout.write(to: folder.appendingPathComponent("page.clean.txt"))
            let reverted = try CLI.run(["revert", "--edit-log", "edits.jsonl", "page.clean.txt"], in: folder)
            #expect(reverted.status == 0, "\(reverted.stderr)")
            #expect(reverted.stdout == input, "\(name)")
            // In place makes no sense for standard input: it says what to do instead.
            let inPlace = try CLI.run(["revert", "--edit-log", "edits.jsonl"], in: folder)
            #expect(inPlace.status == 2)
            #expect(inPlace.stderr.contains("give the fixed file"))
        }
    }

    @Test func revertRefusesAFileChangedSinceFixing() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("page.txt")
        try Data(contentsOf: Self.fixtures.appendingPathComponent("reuters-kerry-2015.txt")).write(to: file)
        _ = try CLI.run(["check", "--fix", "--edit-log", "edits.jsonl", "page.txt"], in: folder)
        let edited = Data("Something else entirely.\n".utf8)
        try edited.write(to: file)
        let reverted = try CLI.run(["revert", "--edit-log", "edits.jsonl"], in: folder)
        #expect(reverted.status == 2)
        #expect(reverted.stderr.contains("page.txt: error: its bytes are not those the fix wrote"))
        #expect(try Data(contentsOf: file) == edited)
    }

    @Test func jsonlCorpusRoundTrips() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = Self.fixtures.appendingPathComponent("corpus/sample.jsonl")
        let cleaned = try CLI.run(["clean", "--jsonl", "--quiet", "--edit-log", "edits.jsonl", sample.path], in: folder)
        #expect(cleaned.status == 0, "\(cleaned.stderr)")
        try cleaned.stdout.write(to: folder.appendingPathComponent("clean.jsonl"))
        let reverted = try CLI.run(["revert", "--edit-log", "edits.jsonl", "--jsonl", "clean.jsonl"], in: folder)
        #expect(reverted.status == 0, "\(reverted.stderr)")
        let originalLines = try Data(contentsOf: sample).split(separator: 0x0A, omittingEmptySubsequences: false)
        let cleanLines = cleaned.stdout.split(separator: 0x0A, omittingEmptySubsequences: false)
        let revertedLines = reverted.stdout.split(separator: 0x0A, omittingEmptySubsequences: false)
        #expect(revertedLines.count == originalLines.count)
        var edited = 0
        for (index, (original, back)) in zip(originalLines, revertedLines).enumerated() where !original.isEmpty {
            let before = try JSONSerialization.jsonObject(with: Data(original)) as? [String: Any]
            let after = try JSONSerialization.jsonObject(with: Data(back)) as? [String: Any]
            #expect(before?["text"] as? String == after?["text"] as? String, "line \(index + 1)")
            #expect(before?["id"] as? String == after?["id"] as? String)
            if cleanLines[index] == original {
                #expect(back == original, "a record without edits stays byte for byte (line \(index + 1))")
            } else {
                edited += 1
            }
        }
        #expect(edited > 100)
    }
}
