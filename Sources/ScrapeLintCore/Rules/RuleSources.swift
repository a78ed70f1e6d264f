import Foundation

/// Where rules come from: the built-in packs embedded in the binary, and rule files or folders of them.
public enum RuleSources {
    /// The built-in packs as (name, YAML text), in name order.
    public static var builtinPacks: [(name: String, contents: String)] { EmbeddedRulePacks.files }

    /// The path prefix under which built-in rules report their origin.
    public static let builtinPrefix = Rule.Origin.builtinPrefix

    /// The rules of the built-in packs, in load order: loaded from `Rules/*.yml` by ``RuleLoader`` when
    /// scrapelint is built (a pack with any diagnostic fails the build), so nothing is parsed here.
    /// `BuiltinRuleTests` checks that they equal what the loader reads from ``builtinPacks``. It throws
    /// nothing today; it keeps `throws` for callers written when the packs were parsed at run time.
    public static func builtinRules() throws(ScrapeLintError) -> [Rule] {
        EmbeddedRulePacks.rules
    }

    /// The rule files a path names: the file itself, or every `*.yml` / `*.yaml` below a folder (sorted).
    /// Hidden files and folders (a name starting with `.`) below the folder are never loaded.
    public static func ruleFiles(at path: String) throws(ScrapeLintError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .io(path: path, message: "no such rule file or folder")
        }
        guard isDirectory.boolValue else { return [path] }
        guard let handle = opendir(path) else { throw .io(path: path, message: "cannot list the folder: \(FileAccess.reason())") }
        closedir(handle)
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            throw .io(path: path, message: "cannot list the folder")
        }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if (relative as NSString).lastPathComponent.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            if relative.hasSuffix(".yml") || relative.hasSuffix(".yaml") {
                files.append((path as NSString).appendingPathComponent(relative))
            }
        }
        return files.sorted()
    }

    /// Loads rule files and folders strictly, collecting the diagnostics of all of them.
    public static func loadRules(from paths: [String]) throws(ScrapeLintError) -> [Rule] {
        var patterns = CompiledPatterns()
        return try loadRules(from: paths, patterns: &patterns)
    }

    /// ``loadRules(from:)``, adding the patterns the loader compiled to `patterns`.
    static func loadRules(from paths: [String], patterns: inout CompiledPatterns) throws(ScrapeLintError) -> [Rule] {
        var rules: [Rule] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            let files: [String]
            do { files = try ruleFiles(at: path) } catch {
                if case .io(let path, let message) = error {
                    diagnostics.append(Diagnostic(path: path, line: 1, column: 1, message: message))
                }
                continue
            }
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    diagnostics.append(Diagnostic(path: file, line: 1, column: 1, message: "cannot read the rule file"))
                    continue
                }
                guard let text = String(validating: data, as: UTF8.self) else {
                    diagnostics.append(Diagnostic(notUTF8: [UInt8](data), path: file, what: "the rule file"))
                    continue
                }
                let parsed = RuleLoader.parseAll(text, path: file, patterns: &patterns)
                rules += parsed.rules
                diagnostics += parsed.diagnostics
            }
        }
        guard diagnostics.isEmpty else {
            // All at once: the `near` targets of the rules that did parse are checked now too, not in a
            // later round (against these rules and the built-in ones, which a gate may name).
            let builtinIDs = ((try? builtinRules()) ?? []).map(\.id)
            throw .invalidRules(diagnostics + RuleSet.nearDiagnostics(rules, ids: Set(rules.map(\.id) + builtinIDs)))
        }
        return rules
    }
}
