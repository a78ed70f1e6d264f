import Foundation
import Testing

/// Inputs the web produces and file-system situations users meet: each is processed correctly or
/// reported clearly, the rest of the run goes on, and everything a fix does not remove stays byte for byte.
@Suite struct BadInputTests {
    /// Invalid UTF-8 of every kind, each inside a kept line.
    static let invalidSequences: [(String, [UInt8])] = [
        ("truncated two-byte", [0xC3]), ("truncated three-byte", [0xE2, 0x82]), ("truncated four-byte", [0xF0, 0x9F, 0x98]),
        ("overlong slash", [0xC0, 0xAF]), ("overlong three-byte", [0xE0, 0x80, 0xAF]), ("overlong four-byte", [0xF0, 0x80, 0x80, 0xAF]),
        ("lone continuation", [0x80]), ("continuation run", [0xBF, 0xBF, 0x80]), ("encoded surrogate", [0xED, 0xA0, 0x80]),
        ("encoded low surrogate", [0xED, 0xBF, 0xBF]), ("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80]), ("FE FF", [0xFE, 0xFF]),
        ("F8 five-byte lead", [0xF8, 0x88, 0x80, 0x80, 0x80]),
    ]

    /// Fixes `pieces` in place as `name` and checks the exact bytes, then that a second fix changes nothing.
    private func expectFixed(_ pieces: Pieces, name: String = "a.txt", sourceLocation: SourceLocation = #_sourceLocation) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write(name, pieces.input)
        let result = try scratch.run("check", ["--fix", name])
        #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(try scratch.read(name) == pieces.fixed, sourceLocation: sourceLocation)
        let clean = try scratch.run("clean", [name])
        #expect(clean.stdout == Data(pieces.fixed), sourceLocation: sourceLocation)
        #expect(scratch.leftovers().isEmpty, sourceLocation: sourceLocation)
    }

    @Test func emptyFile() throws {
        try expectFixed(Pieces())
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("empty.txt", [])
        let result = try scratch.run("check", ["empty.txt"])
        #expect(result.status == 0)
        #expect(result.out == "")
        #expect(result.stderr == "")
    }

    @Test func onlyBlankLines() throws {
        var pieces = Pieces()
        pieces.keep("\n\n  \n\t\r\n\r\r\n")
        try expectFixed(pieces)
    }

    @Test func invalidUTF8OfEveryKindIsKept() throws {
        var pieces = Pieces()
        for (label, sequence) in Self.invalidSequences {
            pieces.keep(Array("\(label): ".utf8) + sequence + Array(" after".utf8))
            pieces.drop(" [12 shares]")
            pieces.keep(sequence + [0x0A])
            pieces.drop("Advertisement\n")
        }
        pieces.keep("end")
        try expectFixed(pieces)
    }

    @Test func invalidBytesNextToAMatchDoNotHideIt() throws {
        // A match right after an invalid byte and right before one: `^` and `$` keep meaning line edges.
        var pieces = Pieces()
        pieces.keep([0xFF, 0x0A])
        pieces.drop("Advertisement\n")
        pieces.keep(Array("x".utf8) + [0xC0])
        pieces.drop(" [1 shares]")
        pieces.keep([0xC0, 0x0A])
        pieces.keep(Array("Advertisement".utf8) + [0xFF, 0x0A]) // not a whole ad line: kept
        try expectFixed(pieces)
    }

    @Test func nulBytesInANamedFileAreProcessed() throws {
        var pieces = Pieces()
        pieces.keep([0x00, 0x00, 0x41, 0x00, 0x0A])
        pieces.drop("Advertisement\n")
        pieces.keep("a\u{0}b")
        pieces.drop(" [5 shares]")
        pieces.keep("\n\u{0}")
        try expectFixed(pieces)
    }

    @Test(arguments: ["\n", "\r\n", "\r", "mixed"])
    func lineEndingsAreKept(_ ending: String) throws {
        let endings = ending == "mixed" ? ["\r\n", "\n", "\r", "\n\r"] : [ending]
        var pieces = Pieces()
        for index in 0..<8 {
            let end = endings[index % endings.count]
            pieces.keep("Line \(index) text")
            pieces.drop(" [\(index) shares]")
            pieces.keep(end)
            if end != "\n\r" { pieces.drop("Advertisement" + end) }
        }
        pieces.keep("last line without ending")
        try expectFixed(pieces)
    }

    @Test func byteOrderMarkStays() throws {
        var pieces = Pieces()
        pieces.keep([0xEF, 0xBB, 0xBF])
        pieces.drop("Advertisement\r\n")
        pieces.keep("Text\r\n")
        try expectFixed(pieces)
    }

    @Test func longLinesAndManyLines() throws {
        // Scaled-down versions of scripts/stress (200 MB, a 50 MB line, 1,000,000 lines).
        var pieces = Pieces()
        pieces.keep(String(repeating: "word ", count: 400_000))
        pieces.drop(" [9 shares]")
        pieces.keep("\n")
        for index in 0..<50_000 {
            pieces.keep("l\(index)\n")
            if index % 1000 == 0 { pieces.drop("Advertisement\n") }
        }
        try expectFixed(pieces)
    }

    @Test func binaryFileInAFolderIsSkippedWithANoteUnlessText() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let binary: [UInt8] = Array("Advertisement\n".utf8) + [0x00, 0x01, 0x02] + Array("\nAdvertisement\n".utf8)
        try scratch.write("in/bin.txt", binary)
        try scratch.write("in/text.txt", Array("Advertisement\nText\n".utf8))
        let fix = try CLI.run(["check", "--no-builtin", "--rules", "noise.yml", "--fix", "in"], in: scratch.folder)
        #expect(fix.status == 0)
        #expect(fix.stderr.contains("in/bin.txt: skipped: binary file (NUL byte); use --text to check it"))
        #expect(try scratch.read("in/bin.txt") == binary)
        #expect(try scratch.read("in/text.txt") == Array("Text\n".utf8))

        let text = try scratch.run("check", ["--text", "--fix", "in"])
        #expect(text.status == 0)
        #expect(try scratch.read("in/bin.txt") == [0x00, 0x01, 0x02, 0x0A])

        // Named on the command line or given on standard input, a binary file is always processed.
        try scratch.write("bin2.txt", binary)
        #expect(try scratch.run("check", ["--fix", "bin2.txt"]).status == 0)
        #expect(try scratch.read("bin2.txt") == [0x00, 0x01, 0x02, 0x0A])
        let stdin = try scratch.run("clean", ["-"], stdin: binary)
        #expect(stdin.stdout == Data([0x00, 0x01, 0x02, 0x0A]))
    }

    @Test func folderWalkSkipsFifosAndSymlinkLoops() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("in/a.txt", Array("Advertisement\nText\n".utf8))
        #expect(mkfifo(scratch.url("in/pipe.txt").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: scratch.url("in/loop").path, withDestinationPath: ".")
        let result = try scratch.run("check", ["in"])
        #expect(result.status == 1)
        #expect(result.out == "in/a.txt:1:1: warning: ad line [test-ad]\n 1 | Advertisement\n   | ^^^^^^^^^^^^^\n\n")
    }

    @Test func directoryGivenAsAFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("dir/a.txt", Array("Text\n".utf8))
        let clean = try scratch.run("clean", ["dir"])
        #expect(clean.status == 2)
        #expect(clean.stderr.contains("dir: is a directory"))
    }

    @Test func missingPathAndTheRestGoesOn() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("a.txt", Array("Advertisement\nText\n".utf8))
        let result = try scratch.run("check", ["--fix", "missing.txt", "a.txt"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("missing.txt: No such file or directory"))
        #expect(try scratch.read("a.txt") == Array("Text\n".utf8))
    }

    @Test(.enabled(if: Unprivileged.available)) func unreadableFileAndTheRestGoesOn() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        chmod(scratch.folder.path, 0o777)
        try scratch.write("secret.txt", Array("Advertisement\n".utf8))
        try scratch.write("a.txt", Array("Advertisement\nText\n".utf8))
        chmod(scratch.url("secret.txt").path, 0o000)
        chmod(scratch.url("a.txt").path, 0o666)
        chmod(scratch.url("noise.yml").path, 0o644)
        let result = try scratch.run("check", ["--fix", "secret.txt", "a.txt"], as: true)
        #expect(result.status == 2)
        #expect(result.stderr.contains("secret.txt: Permission denied"))
        #expect(try scratch.read("a.txt") == Array("Text\n".utf8))
        #expect(try scratch.read("secret.txt") == Array("Advertisement\n".utf8))
    }

    @Test func symlinkTargetIsFixedAndTheLinkKept() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("real/target.txt", Array("Advertisement\nText\n".utf8))
        try FileManager.default.createSymbolicLink(atPath: scratch.url("link.txt").path, withDestinationPath: "real/target.txt")
        let result = try scratch.run("check", ["--fix", "link.txt"])
        #expect(result.status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: scratch.url("link.txt").path) == "real/target.txt")
        #expect(try scratch.read("real/target.txt") == Array("Text\n".utf8))
        #expect(scratch.leftovers().isEmpty)
    }
}
