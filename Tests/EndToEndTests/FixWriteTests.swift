import Foundation
import CXAttr
import Testing

/// What `--fix` writes, and what it refuses to: fixes that do not converge, a file named twice, links out
/// of the folder walked, FIFOs, extended attributes, interruptions and the temporary files of dead runs
/// (issue 11, items 6 to 9).
@Suite struct FixWriteTests {
    /// A rule whose fix never converges: `ab` becomes `aab`, which holds `ab` again.
    private static let growing = """
    rules:
      - id: grow
        category: test
        severity: warning
        message: 'ab'
        description: Never converges.
        pattern: 'ab'
        fix: replace
        replacement: 'aab'
        fix-safety: safe
        examples: {match: ["ab"], no-match: ["b"]}
    """

    @Test func aFixThatDoesNotConvergeWritesNothing() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Self.growing.utf8).write(to: folder.appendingPathComponent("grow.yml"))
        let original = Array("x ab y\n".utf8)
        try Data(original).write(to: folder.appendingPathComponent("a.txt"))
        let rules = ["--no-builtin", "--rules", "grow.yml", "--quiet"]
        let fixed = try CLI.run(["check", "--fix"] + rules + ["a.txt"], in: folder)
        #expect(fixed.status == 2)
        #expect(fixed.stderr.contains("a.txt: error: fixes did not converge after 10 passes; rules involved: grow; left as it is"), "\(fixed.stderr)")
        #expect([UInt8](try Data(contentsOf: folder.appendingPathComponent("a.txt"))) == original)
        let cleaned = try CLI.run(["clean"] + rules + ["a.txt"], in: folder)
        #expect(cleaned.status == 2)
        #expect([UInt8](cleaned.stdout) == original)
        let diff = try CLI.run(["check", "--diff"] + rules + ["a.txt"], in: folder)
        #expect(diff.status == 2)
        #expect(diff.stdout.isEmpty)
        let record = Data(#"{"id":1,"text":"x ab y"}"#.utf8 + [0x0A])
        let corpus = try CLI.run(["clean", "--jsonl"] + rules + ["-"], stdin: record, in: folder)
        #expect(corpus.status == 2)
        #expect(corpus.stdout == record)
    }

    @Test func aFileNamedTwiceIsFixedOnce() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let page = Array("Advertisement\nText [3 shares] ends.\n".utf8)
        try scratch.write("d/a.txt", page)
        try scratch.write("b.txt", page)
        // The same file by three names and through its folder, and b.txt by a hard link (met first in the
        // folder: that name is fixed; as with any editor, the other name of a hard link keeps the old text).
        link(scratch.url("b.txt").path, scratch.url("d/hard.txt").path)
        let result = try scratch.run("check", ["--fix", "d/a.txt", "./d/a.txt", "d", "d/../d/a.txt", "b.txt"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try scratch.read("d/a.txt") == Array("Text ends.\n".utf8))
        #expect(try scratch.read("d/hard.txt") == Array("Text ends.\n".utf8))
        #expect(try scratch.read("b.txt") == page)
        let report = try scratch.run("check", ["d/a.txt", "./d/a.txt", "d", "--format", "concise"])
        #expect(report.stderr.isEmpty && report.status == 0)
    }

    @Test func linksInAWalkedFolderAreNotFollowedOutOfIt() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let page = Array("Advertisement\nText [3 shares] ends.\n".utf8)
        try scratch.write("out/conf", page)
        try scratch.write("corpus/sub/b.txt", page)
        try FileManager.default.createSymbolicLink(atPath: scratch.url("corpus/a.txt").path, withDestinationPath: "../out/conf")
        try FileManager.default.createSymbolicLink(atPath: scratch.url("corpus/inside.txt").path, withDestinationPath: "sub/b.txt")
        let plain = try CLI.run(["check", "--no-builtin", "--rules", "noise.yml", "--fix", "corpus"], in: scratch.folder)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stderr.contains("corpus/a.txt: skipped: symbolic link"))
        #expect(try scratch.read("out/conf") == page)
        try scratch.write("corpus/sub/b.txt", page)
        let followed = try CLI.run(["check", "--no-builtin", "--rules", "noise.yml", "--fix", "--follow", "corpus"], in: scratch.folder)
        #expect(followed.status == 0, "\(followed.stderr)")
        #expect(followed.stderr.contains("corpus/a.txt: skipped: symbolic link leading outside"), "\(followed.stderr)")
        #expect(try scratch.read("out/conf") == page)
        #expect(try scratch.read("corpus/sub/b.txt") == Array("Text ends.\n".utf8))
    }

    @Test func aFIFOIsNeverReplacedByARegularFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let fifo = scratch.url("pipe.txt").path
        #expect(mkfifo(fifo, 0o644) == 0)
        // A writer, so that a run that does read the FIFO does not wait for ever.
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "printf 'Advertisement\\nText\\n' > \"$0\"", fifo]
        try writer.run()
        let result = try scratch.run("check", ["--fix", "pipe.txt"])
        // Let the writer finish if nothing read the FIFO.
        let fd = open(fifo, O_RDONLY | O_NONBLOCK)
        if fd >= 0 {
            var buffer = [UInt8](repeating: 0, count: 64)
            while writer.isRunning { _ = read(fd, &buffer, 64); usleep(10_000) }
            close(fd)
        }
        writer.waitUntilExit()
        #expect(result.status == 2)
        #expect(result.stderr.contains("pipe.txt: is not a regular file; --fix rewrites regular files only"), "\(result.stderr)")
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    }

    @Test func extendedAttributesAreKept() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("a.txt", Array("Advertisement\nText [3 shares] ends.\n".utf8))
        let path = scratch.url("a.txt").path
        let value = Array("reviewed".utf8)
        guard setxattr(path, "user.scrapelint-test", value, value.count, 0) == 0 else { return } // no user attributes here
        let result = try scratch.run("check", ["--fix", "a.txt"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try scratch.read("a.txt") == Array("Text ends.\n".utf8))
        var read = [UInt8](repeating: 0, count: 64)
        let count = getxattr(path, "user.scrapelint-test", &read, read.count)
        #expect(count == value.count && Array(read[0..<max(count, 0)]) == value)
    }

    @Test func staleTemporariesOfDeadRunsAreRemoved() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("a.txt", Array("Advertisement\nText [3 shares] ends.\n".utf8))
        var dead: Int32 = 32000
        while kill(dead, 0) == 0 || errno != ESRCH { dead -= 1 }
        let stale = ".a.txt.scrapelint-\(dead)-k3j2"
        let live = ".a.txt.scrapelint-\(getpid())-k3j2"
        try scratch.write(stale, Array("a fixed copy".utf8))
        try scratch.write(live, Array("a run in progress".utf8))
        try scratch.write(".notes.scrapelint", Array("not ours".utf8))
        let result = try scratch.run("check", ["--fix", "a.txt"])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.folder.path)
        #expect(!names.contains(stale))
        #expect(names.contains(live) && names.contains(".notes.scrapelint"))
    }

    @Test(arguments: [SIGTERM, SIGINT]) func anInterruptedFixLeavesNoCopies(_ signalNumber: Int32) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        var page = Array("Advertisement\n".utf8)
        for line in 0..<400 { page += Array("Line \(line) of text [3 shares] stays.\n".utf8) }
        var fixedPage = [UInt8]()
        for line in 0..<400 { fixedPage += Array("Line \(line) of text stays.\n".utf8) }
        let count = 600
        for index in 0..<count { try scratch.write("d/\(index).txt", page) }
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["check", "--no-builtin", "--rules", "noise.yml", "--quiet", "--fix", "--jobs", "2", "d"]
        process.currentDirectoryURL = scratch.folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the first fixed file, then interrupt.
        let start = Date()
        var started = false
        while process.isRunning, Date().timeIntervalSince(start) < 60 {
            if (try? scratch.read("d/0.txt")) == fixedPage { started = true; break }
            usleep(1_000)
        }
        #expect(started, "the run fixed a file before it ended")
        kill(process.processIdentifier, signalNumber)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "not killed by the signal")
        #expect(process.terminationStatus == 128 + signalNumber)
        var fixed = 0
        for index in 0..<count {
            let now = try scratch.read("d/\(index).txt")
            #expect(now == page || now == fixedPage, "d/\(index).txt is neither")
            if now == fixedPage { fixed += 1 }
        }
        #expect(scratch.leftovers().isEmpty)
        #expect(fixed > 0 && fixed < count, "stopped after what it was fixing: \(fixed)")
    }
}
