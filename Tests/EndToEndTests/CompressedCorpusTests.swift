import Foundation
import Testing

/// gzip and zstd JSON Lines, read transparently (told by their first bytes, not their names) and written
/// compressed when asked (issue 15, item 6); corrupt or truncated input is an error naming the file, the
/// byte offset and the first line lost, after the records before it, and the next inputs go on.
@Suite struct CompressedCorpusTests {
    private static let rules = ["--no-builtin", "--rules", "noise.yml"]

    private static func corpus(_ prefix: String, count: Int) -> [UInt8] {
        var text = ""
        for index in 0..<count { text += #"{"id":"\#(prefix)\#(index)","text":"Advertisement\nStory \#(prefix) \#(index) [3 shares] ends.\n"}"# + "\n" }
        return Array(text.utf8)
    }

    /// Runs a tool (gzip, zstd) in the scratch folder.
    private func tool(_ scratch: Scratch, _ command: String) throws {
        let result = try CLI.runTool(URL(fileURLWithPath: "/bin/sh"), ["-c", command], in: scratch.folder)
        #expect(result.status == 0, "\(command): \(result.stderr)")
    }

    @Test func compressedInputsAreReadByTheirFirstBytes() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("a.jsonl", Self.corpus("a", count: 300))
        try scratch.write("b.jsonl", Self.corpus("b", count: 200))
        try tool(scratch, "gzip -k a.jsonl && zstd -q b.jsonl -o b.jsonl.zst && cp a.jsonl.gz misnamed.jsonl && (gzip -c a.jsonl; gzip -c b.jsonl) > ab.gz")
        let plain = try CLI.run(["clean", "--jsonl", "-q"] + Self.rules + ["a.jsonl", "b.jsonl"], in: scratch.folder)
        #expect(plain.status == 0)
        let compressed = try CLI.run(["clean", "--jsonl", "-q"] + Self.rules + ["a.jsonl.gz", "b.jsonl.zst"], in: scratch.folder)
        #expect(compressed.status == 0, "\(compressed.stderr)")
        #expect(compressed.stdout == plain.stdout)
        // A gzip file named .jsonl, concatenated gzip members, and gzip on standard input.
        let misnamed = try CLI.run(["clean", "--jsonl", "-q"] + Self.rules + ["misnamed.jsonl", "b.jsonl"], in: scratch.folder)
        #expect(misnamed.stdout == plain.stdout)
        let members = try CLI.run(["clean", "--jsonl", "-q"] + Self.rules + ["ab.gz"], in: scratch.folder)
        #expect(members.stdout == plain.stdout)
        let piped = try CLI.run(["clean", "--jsonl", "-q"] + Self.rules + ["-", "b.jsonl.zst"],
                                stdin: try Data(contentsOf: scratch.url("a.jsonl.gz")), in: scratch.folder)
        #expect(piped.stdout == plain.stdout)
        // check and report read them too.
        let check = try CLI.run(["check", "--jsonl", "--format", "concise", "-q"] + Self.rules + ["b.jsonl.zst"], in: scratch.folder)
        #expect(check.out.hasPrefix("b.jsonl.zst[b0]:1:1: warning: ad line [test-ad]\n"), "\(check.out)")
    }

    @Test func outputsAreCompressedByTheirNameOrWhenAsked() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("a.jsonl", Self.corpus("a", count: 300))
        let plain = try CLI.run(["clean", "--jsonl", "-q"] + Self.rules + ["a.jsonl"], in: scratch.folder)
        for (arguments, check) in [(["--output", "o.jsonl.gz"], "gzip -dc o.jsonl.gz > o.txt"),
                                   (["-o", "o.jsonl.zst"], "zstd -dcq o.jsonl.zst > o.txt"),
                                   (["--output", "o.bin", "--compress", "zstd"], "zstd -dcq o.bin > o.txt"),
                                   (["--output", "o.jsonl"], "cp o.jsonl o.txt")] {
            let result = try CLI.run(["clean", "--jsonl"] + Self.rules + arguments + ["a.jsonl"], in: scratch.folder)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr == "scrapelint: 300 records read, 300 written (300 changed)\n", "\(arguments): \(result.stderr)")
            try tool(scratch, check)
            #expect(try scratch.read("o.txt") == [UInt8](plain.stdout), "\(arguments)")
        }
        // To standard output, compressed only when asked; and read back by scrapelint itself.
        let gzipped = try CLI.run(["clean", "--jsonl", "-q", "--compress", "gzip"] + Self.rules + ["a.jsonl"], in: scratch.folder)
        #expect(Array(gzipped.stdout.prefix(2)) == [0x1F, 0x8B])
        let again = try CLI.run(["clean", "--jsonl", "-q", "--no-builtin", "--rules", "noise.yml", "-"], stdin: gzipped.stdout, in: scratch.folder)
        #expect(again.stdout == plain.stdout)
        // Options that do nothing without --jsonl are errors.
        #expect(try CLI.run(["clean", "--compress", "gzip", "a.jsonl"], in: scratch.folder).status == 2)
    }

    @Test func corruptAndTruncatedInputsAreErrorsAndTheRestGoesOn() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // Large enough for several compressed blocks: a cut leaves whole records before it.
        try scratch.write("a.jsonl", Self.corpus("a", count: 20000))
        try scratch.write("b.jsonl", Self.corpus("b", count: 3))
        try tool(scratch, "gzip -k a.jsonl && zstd -q a.jsonl -o a.jsonl.zst")
        let gz = try scratch.read("a.jsonl.gz"), zst = try scratch.read("a.jsonl.zst")
        // Cut short, and followed by bytes that are not another member or frame.
        try scratch.write("cut.gz", Array(gz.prefix(gz.count * 2 / 3)))
        try scratch.write("cut.zst", Array(zst.prefix(zst.count * 2 / 3)))
        try scratch.write("tail.gz", gz + Array("garbage".utf8))
        try scratch.write("tail.zst", zst + Array("garbage".utf8))
        let cases = [
            ("cut.gz", "cut.gz: truncated gzip data: the file ends at byte \(gz.count * 2 / 3) in the middle of a compressed stream", true),
            ("cut.zst", "cut.zst: truncated zstd data: the file ends at byte \(zst.count * 2 / 3) in the middle of a compressed stream", true),
            ("tail.gz", "tail.gz: corrupt gzip data at byte \(gz.count) of the compressed file (data after the end of the gzip stream)", false),
            ("tail.zst", "tail.zst: corrupt zstd data at byte \(zst.count) of the compressed file (Unknown frame descriptor)", false),
        ]
        for (name, message, partial) in cases {
            let result = try CLI.run(["clean", "--jsonl"] + Self.rules + [name, "b.jsonl"], in: scratch.folder)
            #expect(result.status == 2, "\(name)")
            #expect(result.stderr.contains("scrapelint: error: " + message), "\(name): \(result.stderr)")
            // The records before the damage are written, then those of the next input.
            let lines = result.out.split(separator: "\n")
            #expect(partial ? lines.count > 1000 && lines.count < 20003 : lines.count == 20003, "\(name): \(lines.count)")
            #expect(lines.suffix(3).map { String($0) } == (0..<3).map { #"{"id":"b\#($0)","text":"Story b \#($0) ends.\n"}"# }, "\(name)")
            let lost = lines.count - 3 + 1
            #expect(result.stderr.contains("; line \(lost) and after not read\n"), "\(name): \(result.stderr)")
            #expect(result.stderr.contains("1 input not read to the end"), "\(name): \(result.stderr)")
        }
    }
}

/// A reader that closes the pipe early (`| head`) stops the run in order: status 2, standard output's
/// failure named, and the records really written counted (no death by SIGPIPE).
@Suite struct ClosedPipeTests {
    @Test func aClosedPipeIsAnOrderlyStop() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        var corpus = ""
        for index in 0..<20000 { corpus += #"{"id":\#(index),"text":"Advertisement\nRecord \#(index) [3 shares] stays.\n"}"# + "\n" }
        try scratch.write("in.jsonl", Array(corpus.utf8))
        let command = "\"$0\" clean --jsonl --no-builtin --rules noise.yml in.jsonl | head -c 1000 > /dev/null; echo \"status ${PIPESTATUS[0]}\" >&2"
        let result = try CLI.runTool(URL(fileURLWithPath: "/bin/bash"), ["-c", command, CLI.binary.path], in: scratch.folder)
        #expect(result.stderr.hasSuffix("status 2\n"), "\(result.stderr)")
        #expect(result.stderr.contains("standard output: cannot write: Broken pipe"), "\(result.stderr)")
        #expect(result.stderr.contains("; stopped: standard output failed after "), "\(result.stderr)")
    }
}
