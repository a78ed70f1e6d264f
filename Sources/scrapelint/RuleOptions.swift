import ArgumentParser
import Foundation
import ScrapeLintCore

/// The options that choose which rules run, shared by every command that checks text.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("Add a rule file, or a folder of *.yml rule files (repeatable).", valueName: "path"))
    var rulePaths: [String] = []

    @Flag(name: .customLong("no-builtin"), help: "Do not load the built-in rule packs.")
    var noBuiltin = false

    @Option(help: ArgumentHelp("Run only these rules or categories (comma-separated, repeatable).", valueName: "ids"))
    var select: [String] = []

    @Option(help: ArgumentHelp("Skip these rules or categories (comma-separated, repeatable).", valueName: "ids"))
    var ignore: [String] = []

    /// Loads, compiles and filters the rules; throws a ``ScrapeLintError`` for the caller to report.
    func loadRuleSet() throws(ScrapeLintError) -> RuleSet {
        var rules: [Rule] = []
        if !noBuiltin { rules += try RuleSources.builtinRules() }
        rules += try RuleSources.loadRules(from: rulePaths)
        let all = try RuleSet(rules)
        let selected = Self.splitList(select)
        let ignored = Self.splitList(ignore)
        let known = Set(all.rules.map(\.id) + all.rules.map(\.rule.category))
        for name in selected + ignored where !known.contains(name) {
            throw .unknownSelector(name, suggestion: Suggestion.closest(to: name, in: known.sorted()))
        }
        guard !selected.isEmpty || !ignored.isEmpty else { return all }
        return try all.selecting(selected, ignoring: ignored)
    }

    static func splitList(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
