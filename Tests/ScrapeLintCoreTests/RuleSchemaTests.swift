import Foundation
import ScrapeLintCore
import Testing
import Yams

/// schema/rules.schema.json against the loader: the same keys and values both ways, every built-in pack
/// valid under it, and `rules --format json` carrying every key.
@Suite struct RuleSchemaTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let schemaURL = root.appendingPathComponent("schema/rules.schema.json")

    func schema() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.schemaURL)) as? [String: Any])
    }

    func object(_ value: Any?, _ path: String...) -> [String: Any] {
        var current = value
        for key in path { current = (current as? [String: Any])?[key] }
        return current as? [String: Any] ?? [:]
    }

    @Test func schemaAndLoaderAcceptTheSameKeys() throws {
        let schema = try schema()
        let rule = object(schema, "definitions", "rule")
        let properties = object(rule, "properties")
        #expect(Set(object(schema, "properties").keys) == Set(RuleLoader.fileKeys))
        #expect(Set(properties.keys) == Set(RuleLoader.ruleKeys))
        #expect(Set(rule["required"] as? [String] ?? []) == Set(RuleLoader.requiredRuleKeys))
        #expect(Set(object(properties, "examples", "properties").keys) == Set(RuleLoader.exampleKeys))
        #expect(Set(object(properties, "near", "properties").keys) == Set(RuleLoader.nearKeys))
        #expect(Set(object(properties, "zone", "properties").keys) == Set(RuleLoader.zoneKeys))
        #expect(Set(object(properties, "limits", "properties").keys) == Set(RuleLoader.limitKeys))
        #expect(object(properties, "severity")["enum"] as? [String] == Rule.Severity.allCases.reversed().map(\.rawValue))
        #expect(object(properties, "scope")["enum"] as? [String] == Rule.Scope.allCases.map(\.rawValue))
        #expect(object(properties, "fix")["enum"] as? [String] == Rule.FixKind.allCases.map(\.rawValue))
        let flagItems = ((object(properties, "flags")["oneOf"] as? [[String: Any]])?.first?["items"] as? [String: Any])?["enum"]
        #expect(flagItems as? [String] == Rule.Flag.allCases.map(\.rawValue))
    }

    @Test func rulesJSONCarriesEveryKey() throws {
        let rules = try RuleSources.builtinRules()
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(RuleDocumentation.json(rules).utf8)) as? [[String: Any]])
        for object in objects {
            #expect(Set(object.keys).isSuperset(of: RuleLoader.ruleKeys), "\(object["id"] ?? "")")
        }
    }

    /// The built-in packs (as JSON) are valid; so is a minimal file; files the loader rejects for a key or
    /// a value the schema can see are invalid.
    @Test func builtinPacksValidateAndBadFilesDoNot() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scrapelint-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ yaml: String, as name: String) throws -> String {
            let url = folder.appendingPathComponent(name + ".json")
            try JSONSerialization.data(withJSONObject: try #require(try Yams.load(yaml: yaml))).write(to: url)
            return url.path
        }
        let good = try RuleSources.builtinPacks.map { try write($0.contents, as: $0.name) }
        #expect(try validate(good) == "")
        let rule = "{id: a-b, category: c, severity: info, message: m, description: d, pattern: x, examples: {match: [x], no-match: [y]}"
        let bad = [
            "rules: [\(rule), fixx: none}]", "rules: [\(rule), flags: [caseles]}]", "rules: [\(rule), fix: replace}]",
            "rules: [\(rule), zone: {first: 1, last: 2}}]", "rules: [\(rule), scope: paragraph, min-run: 2}]",
        ]
        for (index, yaml) in bad.enumerated() {
            #expect(RuleLoader.parse(yaml, path: "bad.yml").diagnostics.count > 0, "\(yaml)")
            #expect(try validate([write(yaml, as: "bad\(index)")]) != "", "\(yaml)")
        }
        #expect(try validate([write("rules: [\(rule)}]", as: "minimal")]) == "")
    }

    /// scripts/validate-json's output (empty when every document is valid).
    func validate(_ documents: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.root.appendingPathComponent("scripts/validate-json").path, Self.schemaURL.path] + documents
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus <= 1, "scripts/validate-json failed to run (is Python's jsonschema installed?)")
        return output
    }
}
