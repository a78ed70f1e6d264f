import Foundation
import Testing

/// Outputs are never inputs, and `-` means standard output for every output option (issue 11, item 5;
/// issue 14, item 11).
@Suite struct OutputPathTests {
    private static let page = Array("Advertisement\nText [3 shares] ends.\n".utf8)

    @Test func anOutputThatIsAnInputIsAUsageError() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("d/a.txt", Self.page)
        try scratch.write("d/b.txt", Self.page)
        link(scratch.url("d/b.txt").path, scratch.url("hard.txt").path)
        for (option, path) in [("--edit-log", "d/b.txt"), ("--output", "d/b.txt"), ("--statistics-json", "d/b.txt"),
                               ("--edit-log", "hard.txt"), ("--output", "./d/../d/b.txt")] {
            let result = try scratch.run("check", ["--fix", option, path, "d"])
            #expect(result.status == 2, "\(option) \(path)")
            #expect(result.stderr.contains("\(option) \(path) is the input d/b.txt"), "\(result.stderr)")
            #expect(try scratch.read("d/a.txt") == Self.page, "nothing fixed")
            #expect(try scratch.read("d/b.txt") == Self.page)
        }
        let report = try CLI.run(["report", "--quiet", "--html", "d/b.txt", "d"], in: scratch.folder)
        #expect(report.status == 2)
        #expect(report.stderr.contains("--html d/b.txt is the input d/b.txt"), "\(report.stderr)")
        let suggest = try CLI.run(["suggest", "--quiet", "--output", "d/a.txt", "d"], in: scratch.folder)
        #expect(suggest.status == 2)
        #expect(try scratch.read("d/b.txt") == Self.page)
        let clean = try scratch.run("clean", ["--edit-log", "d/a.txt", "d/a.txt"])
        #expect(clean.status == 2)
        #expect(try scratch.read("d/a.txt") == Self.page)
        // Two outputs into one file.
        let twice = try scratch.run("check", ["--fix", "--edit-log", "out.log", "--statistics-json", "out.log", "d"])
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("would write to the same place"), "\(twice.stderr)")
        // A new file inside the folder is not an input.
        let fine = try scratch.run("check", ["--fix", "--edit-log", "d/new.log", "d"])
        #expect(fine.status == 0, "\(fine.stderr)")
    }

    @Test func dashIsStandardOutputEverywhere() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("a.txt", Self.page)
        let statistics = try scratch.run("check", ["--statistics-json", "-", "a.txt"])
        #expect(statistics.status == 1)
        let object = try JSONSerialization.jsonObject(with: statistics.stdout) as? [String: Any]
        #expect(object?["rules"] != nil, "\(statistics.out)")
        #expect(statistics.stderr.contains("a.txt:1:1"), "the report goes to standard error: \(statistics.stderr)")
        let cleanStatistics = try scratch.run("check", ["--diff", "--statistics-json", "-", "a.txt"])
        #expect(cleanStatistics.status == 2, "the diff and the statistics cannot share standard output")
        let log = try scratch.run("check", ["--fix", "--edit-log", "-", "a.txt"])
        #expect(log.status == 0, "\(log.stderr)")
        #expect(log.out.hasPrefix(#"{"kind":"edit-log","#), "\(log.out)")
        #expect(log.out.contains(#""kind":"document","file":"a.txt""#))
        try scratch.write("a.txt", Self.page)
        let html = try CLI.run(["report", "--quiet", "--html", "-", "a.txt"], in: scratch.folder)
        #expect(html.status == 0, "\(html.stderr)")
        #expect(html.out.hasPrefix("<!DOCTYPE html>"))
        let cleanLog = try scratch.run("clean", ["--edit-log", "-", "a.txt"])
        #expect(cleanLog.status == 2)
        #expect(cleanLog.stderr.contains("--edit-log - and the cleaned text would write to the same place"), "\(cleanLog.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.folder.path)
        #expect(!names.contains("-"))
    }

    @Test func suggestWritesRulesToStandardOutput() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["suggest", "--quiet", "--output", "-", CLI.root.appendingPathComponent("Fixtures/pages").path], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.out.hasPrefix("description: 'Rules proposed by scrapelint suggest"), "\(result.out.prefix(200))")
        #expect(result.out.contains("\nrules:"))
        #expect(result.stderr.contains("Proposed 0 rules from 28 documents"), "the report goes to standard error")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("-").path))
    }
}
