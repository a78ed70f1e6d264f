import Yams

extension RuleDocumentation {
    /// Rules as a Markdown reference (docs/builtin-rules.md for the built-in packs): an index table, then
    /// each rule file with its description and each rule with its settings, description, message, gates,
    /// pattern and examples. `descriptions` gives each file's description by origin path (see
    /// ``fileDescriptions(of:)``).
    public static func markdown(_ rules: [Rule], descriptions: [String: String]) -> String {
        let builtinOnly = rules.allSatisfy { $0.origin.path.hasPrefix(RuleSources.builtinPrefix) }
        var output = "<!-- Generated from the rule files by `scrapelint rules --format markdown` (scripts/gen-docs). Do not edit. -->\n\n"
        output += builtinOnly ? "# Built-in rules\n\n" : "# Rules\n\n"
        let files = rules.map(\.origin.path).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        output += "\(rules.count) rule\(rules.count == 1 ? "" : "s") in \(files.count) file\(files.count == 1 ? "" : "s"). "
        output += "`scrapelint rules --explain ID` shows one rule; [rules.md](rules.md) describes the rule-file format.\n\n"
        output += "| id | category | severity | scope | fix | summary |\n|---|---|---|---|---|---|\n"
        for rule in rules {
            output += "| [`\(rule.id)`](#\(rule.id)) | \(rule.category) | \(rule.severity.rawValue) | \(rule.scope.rawValue) | "
            output += "\(fixName(rule)) | \(prose(firstSentence(rule.description)).replacingOccurrences(of: "|", with: "\\|")) |\n"
        }
        for file in files {
            output += "\n## \(displayName(file))\n\n"
            if let description = descriptions[file] { output += prose(flatten(description)) + "\n" }
            for rule in rules where rule.origin.path == file { output += "\n" + markdown(rule) }
        }
        return output
    }

    /// The fix kind, marked when the fix is unsafe (applied only with `--unsafe-fixes` or by `clean`).
    static func fixName(_ rule: Rule) -> String {
        rule.fix != .none && rule.effectiveFixSafety == .unsafe ? "\(rule.fix.rawValue) (unsafe)" : rule.fix.rawValue
    }

    static func markdown(_ rule: Rule) -> String {
        var output = "### `\(rule.id)`\n\n"
        output += "| category | severity | scope | fix |\n|---|---|---|---|\n"
        output += "| \(rule.category) | \(rule.severity.rawValue) | \(rule.scope.rawValue) | \(fixName(rule)) |\n\n"
        output += prose(flatten(rule.description)) + "\n\n"
        output += "Message: `\(rule.message)`" + (rule.replacement.map { "; replacement: `\($0)`" } ?? "") + "\n\n"
        let gates = gateLines(rule.gates)
        if !gates.isEmpty { output += "Gates (all must hold):\n\n" + gates.map { "- \($0)\n" }.joined() + "\n" }
        output += "Pattern" + (rule.flags.isEmpty ? "" : " (flags: \(rule.flags.map(\.rawValue).joined(separator: ", ")))") + ":\n\n"
        output += fenced(rule.pattern, language: "regex")
        if let unless = rule.unless { output += "\nNot on a unit that matches:\n\n" + fenced(unless, language: "regex") }
        output += "\nExamples that match:\n\n" + rule.examples.match.map(exampleItem).joined()
        output += "\nExamples that must not match:\n\n" + rule.examples.noMatch.map(exampleItem).joined()
        return output
    }

    /// The description of each rule file the rules come from, by origin path (built-in packs from the
    /// binary, other files read again); files without one are left out.
    public static func fileDescriptions(of rules: [Rule]) -> [String: String] {
        var descriptions: [String: String] = [:]
        let packs = Dictionary(RuleSources.builtinPacks.map { (RuleSources.builtinPrefix + $0.name, $0.contents) }) { first, _ in first }
        for path in Set(rules.map(\.origin.path)) {
            guard let text = packs[path] ?? (try? String(contentsOfFile: path, encoding: .utf8)),
                  case .mapping(let mapping)? = try? Yams.compose(yaml: text),
                  let description = mapping["description"]?.string
            else { continue }
            descriptions[path] = description
        }
        return descriptions
    }

    /// Text for Markdown prose: `<` and `&` escaped, so that `<role>` shows instead of vanishing as a tag.
    private static func prose(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    private static func displayName(_ path: String) -> String {
        "`" + (path.hasPrefix(RuleSources.builtinPrefix) ? String(path.dropFirst(RuleSources.builtinPrefix.count)) : path) + "`"
    }

    /// A one-line example as inline code, a longer one as a fenced block under its bullet.
    private static func exampleItem(_ example: String) -> String {
        if !example.contains("\n") && !example.contains("`") && !example.isEmpty && example.first != " " && example.last != " " {
            return "- `\(example)`\n"
        }
        return "-\n" + fenced(example, language: "text").split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map { $0.isEmpty ? "\n" : "  \($0)\n" }.joined()
    }

    /// `text` in a fence longer than any run of backticks inside it.
    private static func fenced(_ text: String, language: String) -> String {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + language + "\n" + text + "\n" + fence + "\n"
    }
}
