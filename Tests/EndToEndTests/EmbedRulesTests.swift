import Foundation
import Testing

/// The build-time tool that loads the built-in packs: a broken pack fails the build, pointing at the place.
@Suite struct EmbedRulesTests {
    /// The tool SwiftPM built beside the binary (the host tool of the EmbedRules plugin).
    static let tool: URL? = ["embed-rules-tool", "embed-rules"]
        .map { CLI.binary.deletingLastPathComponent().appendingPathComponent($0) }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }

    static let rule = """
        rules:
          - id: a-rule
            category: test
            severity: warning
            message: m
            description: A rule.
            pattern: 'x'
            examples: {match: [x], no-match: [y]}

        """

    @Test func aBrokenPackFailsWithItsPathLineAndColumn() throws {
        let tool = try #require(Self.tool)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("embed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("a.yml")
        let bad = folder.appendingPathComponent("b.yml")
        let output = folder.appendingPathComponent("Embedded.swift")
        try Self.rule.write(to: good, atomically: false, encoding: .utf8)
        try Self.rule.replacingOccurrences(of: "a-rule", with: "b-rule")
            .replacingOccurrences(of: "'x'", with: "'x('")
            .replacingOccurrences(of: "    examples:", with: "    colour: red\n    examples:")
            .write(to: bad, atomically: false, encoding: .utf8)
        let failed = try CLI.runTool(tool, [output.path, good.path, bad.path])
        #expect(failed.status == 1)
        #expect(failed.stderr == """
            \(bad.path):7:14: error: `pattern` does not compile: missing closing parenthesis (at offset 2 in the pattern)
            \(bad.path):8:5: error: unknown key `colour` in rule

            """)
        #expect(!FileManager.default.fileExists(atPath: output.path))

        // The same id in two packs, and a gate naming no rule: also build errors.
        try Self.rule.replacingOccurrences(of: "    examples:", with: "    near: {rules: [c-rule], lines: 1}\n    examples:")
            .write(to: bad, atomically: false, encoding: .utf8)
        let twice = try CLI.runTool(tool, [output.path, good.path, bad.path])
        #expect(twice.status == 1)
        #expect(twice.stderr == """
            \(bad.path):2:5: error: duplicate rule id `a-rule` (also defined at \(good.path):2:5)
            \(bad.path):2:5: error: `near` names unknown rule `c-rule`

            """)

        let built = try CLI.runTool(tool, [output.path, good.path])
        #expect(built.status == 0 && built.stderr == "")
        let source = try String(contentsOf: output, encoding: .utf8)
        #expect(source.contains("origin: Rule.Origin(path: \"<builtin>/a.yml\", line: 2, column: 5)"))
    }
}
