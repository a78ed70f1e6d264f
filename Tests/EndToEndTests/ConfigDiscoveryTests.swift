import Foundation
import Testing

/// Where the search for `.scrapelint.yml` stops (the repository root, the home folder, a folder others may
/// write to), what the report and `-v` say about it, and that a `rules:` folder's hidden entries never load.
@Suite struct ConfigDiscoveryTests {
    static let page = "Prose.\n0 : 0\n• narrow-browser-and-phone\n"

    func write(_ text: String, _ path: String, in folder: URL) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
    }

    @Test func searchStopsAtTheRepositoryRoot() throws {
        let outer = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outer) }
        try write("select: [layout]\n", ".scrapelint.yml", in: outer)
        try FileManager.default.createDirectory(at: outer.appendingPathComponent("repo/.git"), withIntermediateDirectories: true)
        try write(Self.page, "repo/sub/a.txt", in: outer)
        let sub = outer.appendingPathComponent("repo/sub")
        let result = try CLI.run(["check", "--format", "concise", "-v", "a.txt"], in: sub, environment: ["HOME": "/nonexistent"])
        // Both violations: the outer file (layout only) is not read.
        #expect(result.out == """
        a.txt:2:1: warning: share/comment counter '0 : 0' [counter-share-pair]
        a.txt:3:1: warning: layout label leaked from page markup: 'narrow-browser-and-phone' [layout-breakpoint-label]
        Found 2 violations in 1 file (2 fixable with --fix).

        """)
        let repo = outer.appendingPathComponent("repo").standardizedFileURL.path
        #expect(result.stderr == "scrapelint: configuration: none (searching from \(sub.standardizedFileURL.path) upward, stopped at the repository root \(repo))\n")

        // A configuration at the repository root is found, and named by the summary and by -v.
        try write("select: [layout]\n", "repo/.scrapelint.yml", in: outer)
        let found = try CLI.run(["check", "--format", "concise", "-v", "a.txt"], in: sub, environment: ["HOME": "/nonexistent"])
        #expect(found.out == """
        a.txt:3:1: warning: layout label leaked from page markup: 'narrow-browser-and-phone' [layout-breakpoint-label]
        Found 1 violation in 1 file (1 fixable with --fix). Configuration: \(repo)/.scrapelint.yml.

        """)
        #expect(found.stderr == "scrapelint: configuration: \(repo)/.scrapelint.yml (found searching from \(sub.standardizedFileURL.path) upward)\n")
        let text = try CLI.run(["check", "sub/a.txt"], in: outer.appendingPathComponent("repo"))
        #expect(text.out.hasSuffix("Found 1 violation in 1 file (1 fixable with --fix). Configuration: .scrapelint.yml.\n"))
    }

    @Test func searchStopsAtTheHomeFolder() throws {
        let outer = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outer) }
        try write("select: [layout]\n", ".scrapelint.yml", in: outer)
        try write(Self.page, "home/project/a.txt", in: outer)
        let home = outer.appendingPathComponent("home")
        let result = try CLI.run(["check", "--format", "concise", "a.txt"], in: home.appendingPathComponent("project"), environment: ["HOME": home.path])
        #expect(result.out.hasSuffix("Found 2 violations in 1 file (2 fixable with --fix).\n"))
        // The home folder's own file still applies.
        try write("select: [counters]\n", "home/.scrapelint.yml", in: outer)
        let own = try CLI.run(["check", "--format", "concise", "a.txt"], in: home.appendingPathComponent("project"), environment: ["HOME": home.path])
        #expect(own.out.hasPrefix("a.txt:2:1: warning: share/comment counter"))
        #expect(own.out.contains("Found 1 violation in 1 file"))
    }

    /// A folder that every user may write to (like /tmp) is never searched.
    @Test func worldWritableFolderIsNotSearched() throws {
        let outer = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outer) }
        try write("select: [layout]\n", "shared/.scrapelint.yml", in: outer)
        try write(Self.page, "shared/mine/a.txt", in: outer)
        let shared = outer.appendingPathComponent("shared")
        #expect(chmod(shared.path, 0o1777) == 0)
        let result = try CLI.run(["check", "--format", "concise", "-v", "a.txt"], in: shared.appendingPathComponent("mine"), environment: ["HOME": "/nonexistent"])
        #expect(result.out.hasSuffix("Found 2 violations in 1 file (2 fixable with --fix).\n"))
        #expect(result.stderr.hasSuffix("stopped before \(shared.standardizedFileURL.path): every user may write to it)\n"))
        // A world-writable configuration file is not read either.
        #expect(chmod(shared.path, 0o755) == 0)
        #expect(chmod(shared.appendingPathComponent(".scrapelint.yml").path, 0o666) == 0)
        let file = try CLI.run(["check", "--format", "concise", "a.txt"], in: shared.appendingPathComponent("mine"), environment: ["HOME": "/nonexistent"])
        #expect(file.out.hasSuffix("Found 2 violations in 1 file (2 fixable with --fix).\n"))
    }

    @Test func hiddenEntriesOfARulesFolderAreNotLoaded() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rule = SharedRules.promo
        try write(rule, "site-rules/promo.yml", in: folder)
        // Broken on purpose: loading either would be an error.
        try write("rules: [oops\n", "site-rules/.hidden.yml", in: folder)
        try write("rules: [oops\n", "site-rules/.cache/old.yml", in: folder)
        try write("rules: [site-rules/]\n", ".scrapelint.yml", in: folder)
        try write("Promo\nProse.\n", "a.txt", in: folder)
        let result = try CLI.run(["check", "--format", "concise", "a.txt"], in: folder)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.out == "a.txt:1:1: warning: promo [site-promo]\nFound 1 violation in 1 file (1 fixable with --fix). Configuration: .scrapelint.yml.\n")
    }

    /// Each checked file gets the configuration found from its own folder upward (as ruff does): its
    /// selection, its per-file-ignores and overrides (relative to its folder), its rule files; `--fix`
    /// fixes each file by its own rules; `--config` puts every file under one.
    @Test func eachFileGetsTheConfigurationOfItsFolder() throws {
        let outer = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outer) }
        let top = outer.standardizedFileURL.path
        try FileManager.default.createDirectory(at: outer.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try write("select: [layout]\n", ".scrapelint.yml", in: outer)
        try write("select: [counters]\nper-file-ignores:\n  \"skip.txt\": [ALL]\n", "a/.scrapelint.yml", in: outer)
        let promo = SharedRules.promo
        try write(promo, "c/site/promo.yml", in: outer)
        try write("rules: [site/]\nno-builtin: true\noverrides:\n  - paths: [\"deep/*.txt\"]\n    ignore: [promo]\n", "c/.scrapelint.yml", in: outer)
        for path in ["a/x.txt", "a/skip.txt", "b/y.txt", "c/z.txt", "c/deep/w.txt"] { try write("Promo\n" + Self.page, path, in: outer) }
        let home: [String: String?] = ["HOME": "/nonexistent"]
        let result = try CLI.run(["check", "--format", "concise", "-v", "a", "b", "c"], in: outer, environment: home)
        #expect(result.status == 1)
        #expect(result.out == """
        a/x.txt:3:1: warning: share/comment counter '0 : 0' [counter-share-pair]
        b/y.txt:4:1: warning: layout label leaked from page markup: 'narrow-browser-and-phone' [layout-breakpoint-label]
        c/z.txt:1:1: warning: promo [site-promo]
        Found 3 violations in 5 files (3 fixable with --fix). Configurations: a/.scrapelint.yml (2 files), .scrapelint.yml (1 file), c/.scrapelint.yml (2 files).

        """)
        #expect(result.stderr == """
        scrapelint: configuration: \(top)/.scrapelint.yml (found searching from \(top) upward)
        scrapelint: configuration: \(top)/a/.scrapelint.yml for 2 files (found searching from \(top)/a upward)
        scrapelint: configuration: \(top)/c/.scrapelint.yml for 2 files (found searching from \(top)/c/deep upward)

        """)

        // Run from inside b/: the same files, the same rules each.
        let fromB = try CLI.run(["check", "--format", "concise", "../a/x.txt", "y.txt", "../c/deep/w.txt"], in: outer.appendingPathComponent("b"), environment: home)
        #expect(fromB.out == """
        ../a/x.txt:3:1: warning: share/comment counter '0 : 0' [counter-share-pair]
        y.txt:4:1: warning: layout label leaked from page markup: 'narrow-browser-and-phone' [layout-breakpoint-label]
        Found 2 violations in 3 files (2 fixable with --fix). Configurations: \(top)/a/.scrapelint.yml (1 file), \(top)/.scrapelint.yml (1 file), \(top)/c/.scrapelint.yml (1 file).

        """)

        // Standard input named by --stdin-filename is under the configuration of that path's folder.
        let piped = try CLI.run(["check", "--format", "concise", "--stdin-filename", "c/z.txt"], stdin: Data(("Promo\n" + Self.page).utf8), in: outer, environment: home)
        #expect(piped.out == "c/z.txt:1:1: warning: promo [site-promo]\nFound 1 violation in 1 file (1 fixable with --fix). Configuration: c/.scrapelint.yml.\n")

        // --fix fixes each file by its own rules.
        let fixed = try CLI.run(["check", "--fix", "--quiet", "a", "b", "c"], in: outer, environment: home)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        func read(_ path: String) throws -> String { try String(contentsOf: outer.appendingPathComponent(path), encoding: .utf8) }
        #expect(try read("a/x.txt") == "Promo\nProse.\n• narrow-browser-and-phone\n")
        #expect(try read("a/skip.txt") == "Promo\n" + Self.page)
        #expect(try read("b/y.txt") == "Promo\nProse.\n0 : 0\n")
        #expect(try read("c/z.txt") == Self.page)
        #expect(try read("c/deep/w.txt") == "Promo\n" + Self.page)

        // --config puts every file under the file it names.
        for path in ["a/x.txt", "b/y.txt", "c/z.txt"] { try write("Promo\n" + Self.page, path, in: outer) }
        let one = try CLI.run(["check", "--format", "concise", "-v", "--config", ".scrapelint.yml", "a/x.txt", "b/y.txt", "c/z.txt"], in: outer, environment: home)
        #expect(one.out == """
        a/x.txt:4:1: warning: layout label leaked from page markup: 'narrow-browser-and-phone' [layout-breakpoint-label]
        b/y.txt:4:1: warning: layout label leaked from page markup: 'narrow-browser-and-phone' [layout-breakpoint-label]
        c/z.txt:4:1: warning: layout label leaked from page markup: 'narrow-browser-and-phone' [layout-breakpoint-label]
        Found 3 violations in 3 files (3 fixable with --fix). Configuration: .scrapelint.yml.

        """)
        #expect(one.stderr == "scrapelint: configuration: .scrapelint.yml (--config)\n")

        // config --show PATH shows the configuration found from that file's folder.
        let shown = try CLI.run(["config", "--show", "c/deep/w.txt"], in: outer, environment: home)
        #expect(shown.out.hasPrefix("# configuration file: \(top)/c/.scrapelint.yml\n# settings for c/deep/w.txt; overrides 1 apply\n"))
    }
}
