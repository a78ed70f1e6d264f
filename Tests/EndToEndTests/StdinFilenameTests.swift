import Foundation
import Testing

/// `--stdin-filename PATH`: standard input is checked as PATH would be (configuration found from its folder,
/// its overrides and per-file-ignores, its name in reports).
@Suite struct StdinFilenameTests {
    @Test func standardInputTakesTheSettingsOfItsName() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = folder.appendingPathComponent("proj")
        try FileManager.default.createDirectory(at: project.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try Data("per-file-ignores:\n  \"archive/**\": [ads]\noverrides:\n  - paths: [\"news/*\"]\n    severity: {ad-label: error}\n".utf8)
            .write(to: project.appendingPathComponent(".scrapelint.yml"))
        let text = Data("Advertisement\nStory.\n".utf8)
        // Run from outside the project: the configuration is found from the named file's folder.
        let archived = try CLI.run(["check", "--format", "concise", "--stdin-filename", "proj/archive/a.txt"], stdin: text, in: folder,
                                   environment: ["HOME": "/nonexistent"])
        #expect(archived.status == 0)
        #expect(archived.out == "No violations in 1 file. Configuration: proj/.scrapelint.yml.\n")
        let news = try CLI.run(["check", "--format", "concise", "--stdin-filename", "proj/news/a.txt", "-"], stdin: text, in: folder,
                               environment: ["HOME": "/nonexistent"])
        #expect(news.status == 1)
        #expect(news.out == "proj/news/a.txt:1:1: error: advertisement label 'Advertisement' [ad-label]\nFound 1 violation in 1 file (1 fixable with --fix). Configuration: proj/.scrapelint.yml.\n")
        let clean = try CLI.run(["clean", "--stdin-filename", "proj/archive/a.txt"], stdin: text, in: folder, environment: ["HOME": "/nonexistent"])
        #expect(clean.out == "Advertisement\nStory.\n")
        let cleanNews = try CLI.run(["clean", "--stdin-filename", "proj/news/a.txt"], stdin: text, in: folder, environment: ["HOME": "/nonexistent"])
        #expect(cleanNews.out == "Story.\n")
        // Without the name, standard input gets neither.
        let plain = try CLI.run(["check", "--format", "concise", "-"], stdin: text, in: project)
        #expect(plain.out.hasPrefix("-:1:1: warning: advertisement label"))
        #expect(try CLI.run(["check", "--stdin-filename", "x.txt", "a.txt"], in: folder).status == 2)
        #expect(try CLI.run(["clean", "--jsonl", "--stdin-filename", "x.txt"], in: folder).status == 2)
    }
}
