import Foundation
import Testing

/// Every write is checked, the last flush and close of standard output included: a failed write is an
/// error with exit status 2, and a corpus run says how many records really reached the output (issue 11,
/// item 3).
@Suite struct OutputWriteTests {
    private static let page = Array("Title\nAdvertisement\nText [3 shares] ends.\n".utf8)

    @Test func standardOutputOnAFullDeviceIsAnError() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("s.txt", Self.page)
        let rules = ["--no-builtin", "--rules", "noise.yml", "--quiet"]
        for arguments in [["clean"] + rules + ["s.txt"], ["check"] + rules + ["--fix", "-"], ["check"] + rules + ["s.txt"],
                          ["check"] + rules + ["--diff", "s.txt"], ["rules", "--explain", "ad-label"], ["--help"], ["--version"]] {
            let result = try scratch.shell(arguments, redirect: arguments.contains("-") ? "< s.txt > /dev/full" : "> /dev/full")
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains("scrapelint: error: standard output: cannot write: No space left on device"), "\(arguments): \(result.stderr)")
        }
        // check --fix - read standard input: the file itself is untouched.
        #expect(try scratch.read("s.txt") == Self.page)
    }

    @Test func outputFilesOnAFullDeviceAreErrors() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("s.txt", Self.page)
        let rules = ["--no-builtin", "--rules", "noise.yml", "--quiet"]
        let cases: [[String]] = [
            ["check"] + rules + ["--output", "out.txt", "s.txt"],
            ["check"] + rules + ["--statistics-json", "out.json", "s.txt"],
            ["clean"] + rules + ["--statistics-json", "out.json", "s.txt"],
            ["clean"] + rules + ["--edit-log", "out.log", "s.txt"],
            ["report", "--quiet", "--html", "out.html", "s.txt"],
        ]
        for arguments in cases {
            // No byte may be written past the limit of 0 blocks: every write to a file fails.
            let result = try scratch.shell(arguments, redirect: "> /dev/null", limit: 0)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("File too large"), "\(arguments): \(result.stderr)")
        }
        #expect(scratch.leftovers().isEmpty)
    }

    @Test func aCorpusRunCountsTheRecordsReallyWritten() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        var corpus = ""
        for index in 0..<2000 { corpus += #"{"id":\#(index),"text":"Advertisement\nRecord \#(index) text [3 shares] stays.\n"}"# + "\n" }
        try scratch.write("in.jsonl", Array(corpus.utf8))
        // 16 blocks of 1024 bytes: the output is cut in the middle of some record.
        let result = try scratch.shell(["clean", "--jsonl", "--no-builtin", "--rules", "noise.yml", "in.jsonl"], redirect: "> out.jsonl",
                                       limit: 16)
        #expect(result.status == 2)
        let output = try scratch.read("out.jsonl")
        #expect(output.count == 16 * 1024)
        let complete = output.filter { $0 == 0x0A }.count
        #expect(complete > 50 && complete < 2000)
        #expect(result.stderr.contains("scrapelint: 2000 records read, \(complete) written"), "\(result.stderr)")
        #expect(result.stderr.contains("stopped: standard output failed after \(complete) complete records"), "\(result.stderr)")
        #expect(result.stderr.contains("standard output: cannot write: File too large"), "\(result.stderr)")
    }
}
