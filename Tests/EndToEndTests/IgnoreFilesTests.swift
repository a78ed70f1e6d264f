import Foundation
import Testing

/// Folder walks skip what git ignores (libgit2 decides): nested `.gitignore`, negation, anchoring,
/// `.git/info/exclude`, the global excludes file, and ripgrep's `.ignore` (over `.gitignore`); not outside a
/// repository; never a file or folder named on the command line; nothing with `--no-ignore`.
@Suite struct IgnoreFilesTests {
    static let page = "Prose.\n• narrow-browser-and-phone\n"

    func write(_ text: String, _ path: String, in folder: URL) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
    }

    /// The files a run reported (each file holds one violation), in order.
    func checked(_ arguments: [String], in folder: URL, environment: [String: String?]) throws -> [String] {
        let result = try CLI.run(["check", "--format", "concise", "--quiet"] + arguments, in: folder, environment: environment)
        #expect(result.stderr == "", "\(result.stderr)")
        return result.out.split(separator: "\n").map { String($0.prefix { $0 != ":" }) }
    }

    @Test func folderWalksSkipWhatGitIgnores() throws {
        let outer = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outer) }
        let repo = outer.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        let git = try CLI.runTool(URL(fileURLWithPath: "/usr/bin/git"), ["init", "-q", "."], in: repo)
        #expect(git.status == 0, "\(git.stderr)")
        // The global excludes file, as the user's git configuration names it (over the system's).
        let environment: [String: String?] = ["HOME": outer.appendingPathComponent("home").path, "XDG_CONFIG_HOME": nil]
        try write("[core]\n\texcludesFile = \(outer.appendingPathComponent("home/global-ignore").path)\n", "home/.gitconfig", in: outer)
        try write("global.txt\n", "home/global-ignore", in: outer)
        try write("excluded.txt\n", "repo/.git/info/exclude", in: outer)
        try write("build/\n*.tmp.txt\n!keep.tmp.txt\n/top-only.txt\n", "repo/.gitignore", in: outer)
        try write("local.txt\n", "repo/sub/.gitignore", in: outer)
        try write("# drafts stay out\ndraft*.txt\nnotes/*.txt\n", "repo/docs/.ignore", in: outer)
        try write("!un-ignored.tmp.txt\n", "repo/.ignore", in: outer)
        let files = ["a.txt", "build/b.txt", "docs/draft1.txt", "docs/final.txt", "docs/notes/n.txt", "docs/x/notes/n.txt", "excluded.txt", "global.txt", "keep.tmp.txt",
                     "sub/deeper/local.txt", "sub/deeper/ok.txt", "sub/local.txt", "sub/top-only.txt", "top-only.txt",
                     "un-ignored.tmp.txt", "x.tmp.txt"]
        for file in files { try write(Self.page, "repo/" + file, in: outer) }

        #expect(try checked(["--include", "*.txt"], in: repo, environment: environment) == [
            "./a.txt", "./docs/final.txt", "./docs/x/notes/n.txt", "./keep.tmp.txt", "./sub/deeper/ok.txt", "./sub/top-only.txt", "./un-ignored.tmp.txt",
        ])
        // From a subfolder: the rules above it apply too.
        #expect(try checked(["."], in: repo.appendingPathComponent("sub"), environment: environment) == ["./deeper/ok.txt", "./top-only.txt"])
        #expect(try checked(["docs"], in: repo, environment: environment) == ["docs/final.txt", "docs/x/notes/n.txt"])
        // Named on the command line: always checked, an ignored folder walked.
        #expect(try checked(["build/b.txt", "x.tmp.txt", "build"], in: repo, environment: environment) == ["build/b.txt", "x.tmp.txt"])
        #expect(try checked(["build"], in: repo, environment: environment) == ["build/b.txt"])
        // --no-ignore: every file.
        #expect(try checked(["--no-ignore"], in: repo, environment: environment) == files.map { "./" + $0 })

        // Outside a repository, ignore files mean nothing (as for git).
        let plain = outer.appendingPathComponent("plain")
        try write("*.txt\n", "plain/.gitignore", in: outer)
        try write("*.txt\n", "plain/.ignore", in: outer)
        try write(Self.page, "plain/a.txt", in: outer)
        #expect(try checked(["."], in: plain, environment: environment) == ["./a.txt"])
    }
}
