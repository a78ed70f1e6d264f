import Foundation
import ScrapeLintCore
import Testing

/// The documentation cannot drift: docs/builtin-rules.md is what the packs generate, and docs/rules.md
/// lists exactly the loader's keys, its worked examples load and pass, its error examples give exactly
/// the errors shown.
@Suite struct RuleDocsTests {
    static let docs = RuleSchemaTests.root.appendingPathComponent("docs")

    func read(_ name: String) throws -> String {
        try String(contentsOf: Self.docs.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func builtinRulesPageIsGeneratedFromThePacks() throws {
        let rules = try RuleSources.builtinRules()
        let generated = RuleDocumentation.markdown(rules, descriptions: RuleDocumentation.fileDescriptions(of: rules))
        #expect(try read("builtin-rules.md") == generated, "docs/builtin-rules.md is out of date: run scripts/gen-docs")
        for rule in rules { #expect(generated.contains("### `\(rule.id)`")) }
    }

    @Test func referenceTablesListExactlyTheLoadersKeys() throws {
        let page = try read("rules.md")
        var keys: [String] = []
        var section = ""
        for line in page.split(separator: "\n") {
            if line.hasPrefix("## ") { section = String(line.dropFirst(3)) }
            guard ["File keys", "Rule keys", "Nested keys"].contains(section), line.hasPrefix("| `") else { continue }
            keys.append(String(line.dropFirst(3).prefix { $0 != "`" }))
        }
        let nested = [("examples", RuleLoader.exampleKeys), ("near", RuleLoader.nearKeys), ("zone", RuleLoader.zoneKeys), ("limits", RuleLoader.limitKeys)]
            .flatMap { parent, children in children.map { "\(parent).\($0)" } }
        #expect(keys.sorted() == (RuleLoader.fileKeys + RuleLoader.ruleKeys + nested).sorted())
    }

    @Test func workedExamplesLoadAndPassAndErrorExamplesMatch() throws {
        let blocks = Self.fencedBlocks(try read("rules.md"))
        var checked = 0
        for (index, block) in blocks.enumerated() where block.language == "yaml" {
            let parsed = RuleLoader.parse(block.text, path: "rules.yml")
            if block.invalid {
                let expected = try #require(blocks.dropFirst(index + 1).first { $0.language == "text" }).text
                #expect(parsed.diagnostics.map { "\($0.path):\($0.line):\($0.column): error: \($0.message)" }.joined(separator: "\n") == expected)
            } else {
                #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
                let summary = ExampleRunner(ruleSet: try RuleSet(parsed.rules)).run(only: Set(parsed.rules.map(\.id)))
                #expect(summary.failures.isEmpty, "\(summary.failures.map(\.description))")
            }
            checked += 1
        }
        #expect(checked >= 5)
    }

    struct Block {
        let language: String
        let text: String
        /// Preceded by `<!-- invalid -->`: an example of errors.
        let invalid: Bool
    }

    /// The fenced code blocks of a Markdown page.
    static func fencedBlocks(_ page: String) -> [Block] {
        var blocks: [Block] = []
        var current: (language: String, lines: [Substring], invalid: Bool)?
        var previous: Substring = ""
        for line in page.split(separator: "\n", omittingEmptySubsequences: false) {
            if var open = current {
                if line == "```" {
                    blocks.append(Block(language: open.language, text: open.lines.joined(separator: "\n"), invalid: open.invalid))
                    current = nil
                } else {
                    open.lines.append(line)
                    current = open
                }
            } else if line.hasPrefix("```") {
                current = (String(line.dropFirst(3)), [], previous == "<!-- invalid -->")
            }
            if !line.isEmpty { previous = line }
        }
        return blocks
    }
}
