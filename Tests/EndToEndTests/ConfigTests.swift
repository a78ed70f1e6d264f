import Foundation
import Testing

/// `.scrapelint.yml`: discovery, precedence, overrides, strict errors, `config --show`.
@Suite struct ConfigTests {
    /// A folder with the seed page twice (`sub/` and `archive/2015/`) and `config` as `.scrapelint.yml`.
    func project(_ config: String) throws -> URL {
        let folder = try CLI.temporaryFolder()
        let page = try Data(contentsOf: CLI.root.appendingPathComponent("Fixtures/reuters-kerry-2015.txt"))
        for sub in ["sub", "archive/2015"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
            try page.write(to: folder.appendingPathComponent("\(sub)/page.txt"))
        }
        try config.write(to: folder.appendingPathComponent(".scrapelint.yml"), atomically: true, encoding: .utf8)
        return folder
    }

    static let config = """
    select: [layout, counters]
    severity:
      counter-share-pair: error
    format: concise
    overrides:
      - paths: ["archive/*"]
        ignore: layout

    """

    @Test func discoveredFromASubfolderWithOverridesAndCommandLinePrecedence() throws {
        let folder = try project(Self.config)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["check", "."], in: folder.appendingPathComponent("archive"))
        #expect(result.status == 1)
        #expect(result.out == """
        ./2015/page.txt:35:1: error: share/comment counter '0 : 0' [counter-share-pair]
        Found 1 violation in 1 file (1 fixable with --fix). Configuration: \(folder.appendingPathComponent(".scrapelint.yml").standardizedFileURL.path).

        """)
        let sub = try CLI.run(["check", "--select", "counters", "--format", "json", "."], in: folder.appendingPathComponent("sub"))
        let json = try JSONSerialization.jsonObject(with: sub.stdout) as? [[String: Any]]
        #expect(json?.map { $0["rule"] as? String } == ["counter-share-pair"])
        #expect(json?.first?["severity"] as? String == "error")
        let isolated = try CLI.run(["check", "--isolated", "--format", "concise", "."], in: folder.appendingPathComponent("sub"))
        #expect(isolated.out.hasSuffix("Found 18 violations in 1 file (17 fixable with --fix, 1 more with --unsafe-fixes).\n"))
    }

    @Test func showNamesTheSourceOfEachValue() throws {
        let folder = try project(Self.config)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["config", "--show", "--format", "sarif", "archive/2015/page.txt"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let path = folder.appendingPathComponent(".scrapelint.yml").standardizedFileURL.path
        #expect(result.out == """
        # configuration file: \(path)
        # settings for archive/2015/page.txt; overrides 1 apply
        format = sarif                       # command line (--format)
        select = ["layout", "counters"]      # \(path):1:9
        ignore = ["layout"]                  # \(path):7:13
        extend-select = []                   # default
        extend-ignore = []                   # default
        per-file-ignores = []                # default
        rules = []                           # default
        no-builtin = false                   # default
        include = ["*.txt"]                  # default
        exclude = []                         # default
        severity.counter-share-pair = error  # \(path):3:23

        """)
    }

    @Test func unknownKeysAndBadValuesAreErrorsWithPositions() throws {
        let folder = try project("""
        selec: [layout]
        format: xml
        severity: {counter-share-pair: fatal}
        overrides:
          - paths: [a]
            format: text

        """)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["check", "."], in: folder)
        let path = folder.appendingPathComponent(".scrapelint.yml").standardizedFileURL.path
        #expect(result.status == 2)
        #expect(result.stderr == """
        \(path):1:1: error: unknown key `selec` in configuration; did you mean `select`?
        \(path):2:9: error: `format` must be one of `text`, `concise`, `json`, `jsonl`, `sarif`, `github`, `checkstyle`, `junit`; got `xml`
        \(path):3:32: error: `severity.counter-share-pair` must be one of `info`, `warning`, `error`; got `fatal`
        \(path):6:5: error: `format` applies to the whole run; it cannot be set in `overrides`

        """)
    }

    @Test func rulesAreRelativeToTheConfigFileAndUnknownRuleIdsAreErrors() throws {
        let folder = try project("rules: [site]\nseverity: {site-follow: error}\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("site"), withIntermediateDirectories: true)
        try """
        rules:
          - id: site-follow
            category: widgets
            severity: info
            message: m
            description: d
            pattern: '^Follow us$'
            examples: {match: ["Follow us"], no-match: ["Follow the money"]}
        """.write(to: folder.appendingPathComponent("site/rules.yml"), atomically: true, encoding: .utf8)
        try "Story.\nFollow us\n".write(to: folder.appendingPathComponent("sub/a.txt"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", "--format", "concise", "a.txt"], in: folder.appendingPathComponent("sub"))
        #expect(result.out.hasPrefix("a.txt:2:1: error: m [site-follow]\n"))
        let explicit = try CLI.run(["check", "--config", "../.scrapelint.yml", "--format", "concise", "a.txt"], in: folder.appendingPathComponent("sub"))
        #expect(explicit.out == result.out)
        try "severity: {no-such-rule: error}\n".write(to: folder.appendingPathComponent(".scrapelint.yml"), atomically: true, encoding: .utf8)
        let unknown = try CLI.run(["check", "sub"], in: folder)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains(".scrapelint.yml:1:26: error: `severity` names no rule `no-such-rule`"), "\(unknown.stderr)")
    }
}

extension ConfigTests {
    /// The README's example configuration loads, and `config --show` names every key it sets.
    @Test func readmeExampleConfigurationLoads() throws {
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "## Configuration"))
        let rest = readme[section.upperBound...]
        let start = try #require(rest.range(of: "```yaml\n"))
        let end = try #require(rest[start.upperBound...].range(of: "```\n"))
        let yaml = String(rest[start.upperBound..<end.lowerBound])
        let folder = try project(yaml)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["config", "--show"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        for key in ["select", "ignore", "extend-select", "extend-ignore", "rules", "no-builtin", "severity.counter-share-pair", "include", "exclude", "format", "paths"] {
            #expect(result.out.split(separator: "\n").contains { $0.contains(key + " = ") && $0.contains(".scrapelint.yml:") }, "\(key)")
        }
    }
}
