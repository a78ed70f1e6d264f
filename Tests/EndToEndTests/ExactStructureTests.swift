import Foundation
import Testing

/// The structure of the text survives fixing exactly: line breaks between kept lines, blank runs as their
/// rule counts them, and `--diff` output that patch tools take for any path.
@Suite struct ExactStructureTests {
    private func clean(_ text: String, _ arguments: [String] = []) throws -> [UInt8] {
        let result = try CLI.run(["clean"] + arguments, stdin: Data(text.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        return [UInt8](result.stdout)
    }

    /// A lone CR ending the kept line before a deleted one and the LF of the blank line after it read as one
    /// CRLF once joined: the blank line between the paragraphs was gone.
    @Test func deletingALineBetweenALoneCRAndAnLFKeepsTheBlankLine() throws {
        #expect(try clean("First paragraph.\rAdvertisement\r\n\nSecond.\n") == Array("First paragraph.\r\n\nSecond.\n".utf8))
        #expect(try clean("First paragraph.\rAdvertisement\r\rAdvertisement\r\n\nSecond.\n")
            == Array("First paragraph.\r\n\nSecond.\n".utf8))
        #expect(try clean("First paragraph.\rAdvertisement\r\nSecond.\n") == Array("First paragraph.\rSecond.\n".utf8))
    }

    /// Two blank CRLF lines are two, not three (the pattern split a CRLF into a CR and an LF).
    @Test func blankRunCountsACRLFAsOneBreak() throws {
        let two = try CLI.run(["check", "--select", "whitespace-blank-run", "-"], stdin: Data("A.\r\n\r\n\r\nB.\r\n".utf8))
        #expect(two.status == 0)
        #expect(two.out == "No violations in 1 file.\n")
        let three = try CLI.run(["check", "--select", "whitespace-blank-run", "-"], stdin: Data("A.\r\n\r\n\r\n\r\nB.\r\n".utf8))
        #expect(three.status == 1)
        #expect(try clean("A.\r\n\r\n\r\n\r\nB.\r\n") == Array("A.\r\n\r\nB.\r\n".utf8))
        #expect(try clean("A.\r\r\n\n\n\rB.\r") == Array("A.\r\rB.\r".utf8))
    }

    /// Noise at the end takes the blank lines before it along, even when a blank-run fix touches them in
    /// the same pass (it wrote one blank line back).
    @Test func noBlankLineIsLeftAtTheEndWhereNoiseStood() throws {
        #expect(try clean("Prose.\n\n\n\nAdvertisement\n") == Array("Prose.\n".utf8))
        #expect(try clean("Prose.\r\n\r\n\r\n\r\nAdvertisement") == Array("Prose.\r\n".utf8))
        #expect(try clean("Prose.\n\nAdvertisement\n\n") == Array("Prose.\n".utf8))
    }

    /// Diff headers name any path as git does: quoted when it holds a tab, a newline, a quote, a backslash
    /// or a byte above 0x7F, a tab after a name with a space, and no `..` (patch tools refuse it). Applied
    /// with `patch -p1` and with `git apply`, each gives what `--fix` writes.
    @Test func diffHeadersNameAnyPathForPatchAndGitApply() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let names = ["b c.txt", "t\tb.txt", "n\nb.txt", "\u{E9}.txt", "q\"b\\.txt", "sub/./d.txt"]
        for copy in ["work", "patched", "applied"] {
            for name in names { try scratch.write("\(copy)/\(name)", Array("Advertisement\nText\n".utf8)) }
        }
        try scratch.write("x/a.txt", Array("Advertisement\nText\n".utf8))
        let diff = try CLI.run(["check", "--no-builtin", "--rules", "../noise.yml", "--quiet", "--diff"] + names,
                               in: scratch.url("work"))
        #expect(diff.status == 1, "\(diff.stderr)")
        #expect(diff.out.contains("--- a/b c.txt\t\n+++ b/b c.txt\t\n"))
        #expect(diff.out.contains("--- \"a/t\\tb.txt\"\n+++ \"b/t\\tb.txt\"\n"))
        #expect(diff.out.contains("--- \"a/\\303\\251.txt\"\n"))
        #expect(diff.out.contains("--- \"a/q\\\"b\\\\.txt\"\n"))
        #expect(diff.out.contains("--- a/sub/d.txt\n"))
        try diff.stdout.write(to: scratch.url("names.patch"))
        let patch = try CLI.runTool(URL(fileURLWithPath: "/usr/bin/patch"), ["-p1", "-s", "-i", "../names.patch"], in: scratch.url("patched"))
        #expect(patch.status == 0, "\(patch.stderr) \(patch.out)")
        let apply = try CLI.runTool(URL(fileURLWithPath: "/usr/bin/git"), ["apply", "../names.patch"], in: scratch.url("applied"))
        #expect(apply.status == 0, "\(apply.stderr) \(apply.out)")
        for copy in ["patched", "applied"] {
            for name in names { #expect(try scratch.read("\(copy)/\(name)") == Array("Text\n".utf8), "\(copy)/\(name)") }
        }

        // A path out of the current folder: named by its real place, applied from `/`.
        let outside = try CLI.run(["check", "--no-builtin", "--rules", "../noise.yml", "--quiet", "--diff", "../x/a.txt"],
                                  in: scratch.url("work"))
        #expect(outside.status == 1)
        let real = URL(fileURLWithPath: scratch.url("x/a.txt").path).resolvingSymlinksInPath().path
        #expect(outside.out.hasPrefix("--- a\(real)\n+++ b\(real)\n"), "\(outside.out)")
        #expect(!outside.out.contains(".."))
        try outside.stdout.write(to: scratch.url("outside.patch"))
        let root = URL(fileURLWithPath: "/")
        let patchOutside = try CLI.runTool(URL(fileURLWithPath: "/usr/bin/patch"), ["-p1", "-s", "-i", scratch.url("outside.patch").path], in: root)
        #expect(patchOutside.status == 0, "\(patchOutside.stderr) \(patchOutside.out)")
        #expect(try scratch.read("x/a.txt") == Array("Text\n".utf8))
        try scratch.write("x/a.txt", Array("Advertisement\nText\n".utf8))
        let applyOutside = try CLI.runTool(URL(fileURLWithPath: "/usr/bin/git"), ["apply", scratch.url("outside.patch").path], in: root)
        #expect(applyOutside.status == 0, "\(applyOutside.stderr) \(applyOutside.out)")
        #expect(try scratch.read("x/a.txt") == Array("Text\n".utf8))
    }
}
