import Foundation
import Testing

/// The edit log is complete and written first, and `revert` restores a document only when it is exactly
/// what the fix wrote, only under the log's folder (issue 11, items 1 and 2).
@Suite struct EditLogSafetyTests {
    /// A blank-line tidying edit overlapping a line deletion in the same pass (it crashed the composer).
    private static let overlapping = Array("Prose.\n\n\n\nAdvertisement\n".utf8)

    private func folder() throws -> URL { try CLI.temporaryFolder() }

    private func read(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    @Test func overlappingEditsAreLoggedAndRevertInEveryCommand() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Self.overlapping).write(to: folder.appendingPathComponent("a.txt"))
        let cleaned = try CLI.run(["clean", "--edit-log", "e.log", "a.txt"], in: folder)
        #expect(cleaned.status == 0, "\(cleaned.stderr)")
        #expect(cleaned.stdout.count < Self.overlapping.count)
        try cleaned.stdout.write(to: folder.appendingPathComponent("a.clean.txt"))
        let back = try CLI.run(["revert", "--edit-log", "e.log", "a.clean.txt"], in: folder)
        #expect(back.status == 0, "\(back.stderr)")
        #expect([UInt8](back.stdout) == Self.overlapping)
        // report and compare compose the same edits.
        let report = try CLI.run(["report", "--quiet", "--html", "r.html", "a.txt"], in: folder)
        #expect(report.status == 0, "\(report.stderr)")
        let rules = CLI.root.appendingPathComponent("Rules").path
        let compare = try CLI.run(["compare", "--quiet", "--rules-a", rules, "--rules-b", rules, "a.txt"], in: folder)
        #expect(compare.status == 0, "\(compare.stderr)")
        // check --fix over a folder logs every file it fixed, and revert undoes them all.
        for index in 0..<5 { try Data(Self.overlapping).write(to: folder.appendingPathComponent("d/\(index).txt", isDirectory: false).creatingFolder()) }
        let fixed = try CLI.run(["check", "--fix", "--quiet", "--edit-log", "d.log", "d"], in: folder)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        let reverted = try CLI.run(["revert", "--edit-log", "d.log"], in: folder)
        #expect(reverted.status == 0, "\(reverted.stderr)")
        #expect(reverted.stderr.contains("5 files restored"))
        for index in 0..<5 { #expect(try read(folder.appendingPathComponent("d/\(index).txt")) == Self.overlapping) }
    }

    @Test func noFileIsReplacedWhenTheLogCannotBeWritten() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        for index in 0..<40 { try scratch.write("d/\(index).txt", Self.overlapping) }
        // A limit of one 1024-byte block: the small fixed files could be written, the log cannot.
        let result = try scratch.shell(["check", "--fix", "--quiet", "--edit-log", "e.log", "d"], limit: 1)
        #expect(result.status == 2)
        #expect(result.stderr.contains("e.log: cannot write: File too large"), "\(result.stderr)")
        #expect(result.stderr.contains("not fixed: the edit log cannot be written"))
        for index in 0..<40 { #expect(try scratch.read("d/\(index).txt") == Self.overlapping) }
        // clean writes no text whose log is not written.
        try scratch.write("a.txt", Self.overlapping)
        let cleaned = try scratch.shell(["clean", "--edit-log", "e.log", "a.txt"], redirect: "> /dev/null", limit: 0)
        #expect(cleaned.status == 2)
        #expect(cleaned.stderr.contains("nothing written: the edit log cannot be written"), "\(cleaned.stderr)")
    }

    /// Fixes `a.txt` (Scratch's rules) with a log; returns the original and the fixed bytes.
    private func fixWithLog(_ scratch: Scratch, name: String = "a.txt") throws -> (original: [UInt8], fixed: [UInt8]) {
        let original = Array("Title\nAdvertisement\nText [3 shares] ends.\nAdvertisement\nLast line.\n".utf8)
        try scratch.write(name, original)
        let result = try scratch.run("check", ["--fix", "--edit-log", "e.log", name])
        #expect(result.status == 0, "\(result.stderr)")
        let fixed = try scratch.read(name)
        #expect(fixed == Array("Title\nText ends.\nLast line.\n".utf8))
        return (original, fixed)
    }

    @Test func aSecondRevertChangesNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (original, _) = try fixWithLog(scratch)
        let first = try CLI.run(["revert", "--edit-log", "e.log"], in: scratch.folder)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try scratch.read("a.txt") == original)
        let second = try CLI.run(["revert", "--edit-log", "e.log"], in: scratch.folder)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("a.txt: note: already as it was before fixing; left as it is"))
        #expect(try scratch.read("a.txt") == original)
    }

    @Test func aFileChangedSinceFixingIsRefused() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (_, fixed) = try fixWithLog(scratch)
        // A line added after fixing: the deletions' empty replacements still "stand" everywhere.
        let edited = Array("Added first.\n".utf8) + fixed
        try scratch.write("a.txt", edited)
        let result = try CLI.run(["revert", "--edit-log", "e.log"], in: scratch.folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("a.txt: error: its bytes are not those the fix wrote"), "\(result.stderr)")
        #expect(try scratch.read("a.txt") == edited)
        // A fixed text given to revert is checked the same way.
        try scratch.write("copy.txt", edited)
        let text = try CLI.run(["revert", "--edit-log", "e.log", "copy.txt"], in: scratch.folder)
        #expect(text.status == 2)
        #expect(text.stdout.isEmpty)
    }

    @Test func revertFromAnotherFolderTouchesOnlyTheLogsFolder() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (original, _) = try fixWithLog(scratch)
        // Another folder with an unrelated a.txt: run from there, the log still means the files of its folder.
        let elsewhere = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let unrelated = Array("Someone else's a.txt.\n".utf8)
        try Data(unrelated).write(to: elsewhere.appendingPathComponent("a.txt"))
        let result = try CLI.run(["revert", "--edit-log", scratch.url("e.log").path], in: elsewhere)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try read(elsewhere.appendingPathComponent("a.txt")) == unrelated)
        #expect(try scratch.read("a.txt") == original)
        // --folder restores under another folder: an unrelated file there is refused by its hash.
        let refused = try CLI.run(["revert", "--edit-log", scratch.url("e.log").path, "--folder", elsewhere.path], in: elsewhere)
        #expect(refused.status == 2)
        #expect(try read(elsewhere.appendingPathComponent("a.txt")) == unrelated)
    }

    @Test func revertRestoresACopiedTreeWithFolder() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (original, fixed) = try fixWithLog(scratch)
        let copy = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: copy) }
        try Data(fixed).write(to: copy.appendingPathComponent("a.txt"))
        let result = try CLI.run(["revert", "--edit-log", scratch.url("e.log").path, "--folder", copy.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try read(copy.appendingPathComponent("a.txt")) == original)
        #expect(try scratch.read("a.txt") == fixed)
    }

    @Test func craftedPathsOutsideTheFolderAreRefused() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try fixWithLog(scratch)
        let log = try String(contentsOf: scratch.url("e.log"), encoding: .utf8)
        // A victim outside the log's folder, holding exactly the fixed bytes, so that only the path stops it.
        let outside = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        let victim = outside.appendingPathComponent("victim.txt")
        try Data(try scratch.read("a.txt")).write(to: victim)
        let relative = "../" + outside.lastPathComponent + "/victim.txt"
        for path in [victim.path, relative] {
            let crafted = log.replacingOccurrences(of: #""file":"a.txt""#, with: #""file":"\#(path)""#)
            try Data(crafted.utf8).write(to: scratch.url("crafted.log"))
            let result = try CLI.run(["revert", "--edit-log", "crafted.log"], in: scratch.folder)
            #expect(result.status == 2, "\(path)")
            #expect(result.stderr.contains("\(path): not under the folder"), "\(result.stderr)")
            #expect(try read(victim) == (try scratch.read("a.txt")))
        }
        // A link inside the folder pointing out of it is refused too.
        try FileManager.default.createSymbolicLink(atPath: scratch.url("link.txt").path, withDestinationPath: victim.path)
        let linked = log.replacingOccurrences(of: #""file":"a.txt""#, with: #""file":"link.txt""#)
        try Data(linked.utf8).write(to: scratch.url("linked.log"))
        let result = try CLI.run(["revert", "--edit-log", "linked.log"], in: scratch.folder)
        #expect(result.status == 2)
        #expect(try read(victim) == (try scratch.read("a.txt")))
    }

    @Test func recordsAfterBlankLinesRevert() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Blank lines are passed through: a record's line in the output is not its count of records.
        let corpus = Data(#"{"id":1,"text":"Advertisement\nKept.\n"}"#.utf8 + [0x0A, 0x0A] + #"{"id":2,"text":"Advertisement\nAlso.\n"}"#.utf8 + [0x0A])
        try corpus.write(to: folder.appendingPathComponent("c.jsonl"))
        let cleaned = try CLI.run(["clean", "--jsonl", "--quiet", "--edit-log", "c.log", "c.jsonl"], in: folder)
        #expect(cleaned.status == 0, "\(cleaned.stderr)")
        try cleaned.stdout.write(to: folder.appendingPathComponent("c.clean.jsonl"))
        let reverted = try CLI.run(["revert", "--edit-log", "c.log", "--jsonl", "c.clean.jsonl"], in: folder)
        #expect(reverted.status == 0, "\(reverted.stderr)")
        #expect(reverted.stdout == corpus)
    }

    @Test func aLogOfTheOldFormatIsRefused() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try fixWithLog(scratch)
        let lines = try String(contentsOf: scratch.url("e.log"), encoding: .utf8).split(separator: "\n")
        let old = lines.filter { $0.contains(#""kind":"edit""#) }.joined(separator: "\n") + "\n"
        try Data(old.utf8).write(to: scratch.url("old.log"))
        let result = try CLI.run(["revert", "--edit-log", "old.log"], in: scratch.folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("old.log:1: not a valid edit log line: no edit log header"), "\(result.stderr)")
    }
}

extension URL {
    /// The URL, after creating its parent folder.
    func creatingFolder() throws -> URL {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }
}
