import Foundation

/// Rules rendered for people (`rules`, `rules --explain`) and for tools (`rules --format json`).
public enum RuleDocumentation {
    /// One line per rule: id, category, severity, fix and the first sentence of the description. Rules in
    /// `dependencies` (id -> the selected rules whose `near` gates name it) run only for those gates and
    /// report nothing; they are listed apart, after the others, with the rules that need them.
    public static func table(_ rules: [Rule], dependencies: [String: [String]] = [:]) -> String {
        let idWidth = rules.map(\.id.count).max() ?? 2
        let categoryWidth = max(8, rules.map(\.category.count).max() ?? 8)
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        func row(_ rule: Rule, _ summary: String) -> String {
            pad(rule.id, idWidth) + "  " + pad(rule.category, categoryWidth) + "  " + pad(rule.severity.rawValue, 8)
                + "  " + pad(rule.optInReason == nil ? "on" : "off", 7) + "  " + pad(rule.fix.rawValue, 16) + "  " + summary + "\n"
        }
        var output = pad("ID", idWidth) + "  " + pad("CATEGORY", categoryWidth) + "  SEVERITY  DEFAULT  FIX               SUMMARY\n"
        for rule in rules where dependencies[rule.id] == nil { output += row(rule, firstSentence(rule.description)) }
        let needed = rules.filter { dependencies[$0.id] != nil }
        if !needed.isEmpty {
            output += "\nNot selected; run only for the `near` gates of selected rules, and report nothing:\n"
            for rule in needed { output += row(rule, "needed by " + dependencies[rule.id]!.joined(separator: ", ")) }
        }
        for category in Set(rules.compactMap { $0.optInReason == nil ? nil : $0.category }).sorted() {
            output += "\nDEFAULT off: category `\(category)` is opt-in: it \(Rule.optInCategories[category]!).\n"
        }
        return output
    }

    /// Everything about one rule, for `rules --explain`.
    public static func explanation(_ rule: Rule) -> String {
        var output = "\(rule.id)\n\(String(repeating: "=", count: rule.id.count))\n\n"
        output += wrap(rule.description) + "\n\n"
        output += "category:    \(rule.category)\n"
        output += "severity:    \(rule.severity.rawValue)\n"
        output += "scope:       \(rule.scope.rawValue)\n"
        output += "fix:         \(rule.fix.rawValue)\n"
        if rule.fix != .none {
            let declared = rule.fixSafety == nil ? " (the default for \(rule.fix.rawValue))" : ""
            output += "fix-safety:  \(rule.effectiveFixSafety.rawValue)\(declared)\n"
        }
        output += "default:     " + (rule.optInReason.map { "off (opt-in category `\(rule.category)`: \($0))" } ?? "on") + "\n"
        if let replacement = rule.replacement { output += "replacement: \(quote(replacement))\n" }
        output += "pattern:     \(rule.pattern)\n"
        if !rule.flags.isEmpty { output += "flags:       \(rule.flags.map(\.rawValue).joined(separator: ", "))\n" }
        if let unless = rule.unless { output += "unless:      \(unless)\n" }
        output += "message:     \(rule.message)\n"
        let gates = gateLines(rule.gates)
        if !gates.isEmpty {
            output += "\ngates (all must hold):\n"
            for line in gates { output += "  - \(line)\n" }
        }
        output += "\nexamples that match:\n"
        for example in rule.examples.match { output += "  + \(quote(example))\n" }
        output += "\nexamples that must not match:\n"
        for example in rule.examples.noMatch { output += "  - \(quote(example))\n" }
        output += "\ndefined at \(rule.origin.path):\(rule.origin.line):\(rule.origin.column)\n"
        return output
    }

    /// The gates of a rule in words.
    public static func gateLines(_ gates: Gates) -> [String] {
        var lines: [String] = []
        if let value = gates.maxWords { lines.append("max-words: the \(unitName) has at most \(value) words") }
        if let value = gates.maxChars { lines.append("max-chars: the \(unitName) has at most \(value) characters") }
        if let value = gates.minRun { lines.append("min-run: at least \(value) consecutive lines match this rule") }
        if let near = gates.near {
            lines.append("near: within \(near.lines) line\(near.lines == 1 ? "" : "s") of a match of \(near.rules.joined(separator: " or "))")
        }
        if let follows = gates.follows {
            lines.append("follows: in a run of lines of this rule that starts right after a match of \(follows.joined(separator: " or "))")
        }
        if let joins = gates.joins {
            lines.append("joins: in a block of consecutive lines of this rule that holds or touches a match of \(joins.joined(separator: " or "))")
        }
        if let zone = gates.zone {
            let extent: String
            switch zone.extent {
            case .lines(let count): extent = "\(count) non-blank line\(count == 1 ? "" : "s")"
            case .percent(let percent): extent = "\(percent)% of the non-blank lines"
            }
            lines.append("zone: in the \(zone.edge.rawValue) \(extent) of the document")
        }
        return lines
    }

    private static let unitName = "scope unit"

    /// All rules as a JSON array carrying every field, and `selected` (false for the rules in
    /// `dependencies`, which run only for the `near` gates of the rules listed in `dependency-of`).
    public static func json(_ rules: [Rule], dependencies: [String: [String]] = [:]) -> String {
        JSON.array(rules.map { jsonObject($0, dependencyOf: dependencies[$0.id]) })
    }

    static func jsonObject(_ rule: Rule, dependencyOf: [String]? = nil) -> String {
        func optional(_ value: String?) -> String { value.map(JSON.string) ?? "null" }
        func optional(_ value: Int?) -> String { value.map(String.init) ?? "null" }
        let gates = rule.gates
        var zone = "null"
        if let value = gates.zone {
            switch value.extent {
            case .lines(let count): zone = JSON.object([(value.edge.rawValue, String(count))])
            case .percent(let percent): zone = JSON.object([(value.edge.rawValue, JSON.string("\(percent)%"))])
            }
        }
        let near = gates.near.map {
            JSON.object([("rules", JSON.array($0.rules.map(JSON.string))), ("lines", String($0.lines))])
        } ?? "null"
        let limits = rule.limits.map {
            JSON.object([("match", String($0.match)), ("depth", String($0.depth)), ("heap-kib", String($0.heapKiB))])
        } ?? "null"
        return JSON.object([
            ("id", JSON.string(rule.id)),
            ("category", JSON.string(rule.category)),
            ("severity", JSON.string(rule.severity.rawValue)),
            ("scope", JSON.string(rule.scope.rawValue)),
            ("pattern", JSON.string(rule.pattern)),
            ("flags", JSON.array(rule.flags.map { JSON.string($0.rawValue) })),
            ("unless", optional(rule.unless)),
            ("fix", JSON.string(rule.fix.rawValue)),
            ("default", rule.optInReason == nil ? "true" : "false"),
            ("opt-in-reason", optional(rule.optInReason)),
            ("replacement", optional(rule.replacement)),
            ("fix-safety", rule.fix == .none ? "null" : JSON.string(rule.effectiveFixSafety.rawValue)),
            ("message", JSON.string(rule.message)),
            ("description", JSON.string(rule.description)),
            ("max-words", optional(gates.maxWords)),
            ("max-chars", optional(gates.maxChars)),
            ("min-run", optional(gates.minRun)),
            ("near", near),
            ("follows", gates.follows.map { JSON.array($0.map(JSON.string)) } ?? "null"),
            ("joins", gates.joins.map { JSON.array($0.map(JSON.string)) } ?? "null"),
            ("zone", zone),
            ("limits", limits),
            ("examples", JSON.object([
                ("match", JSON.array(rule.examples.match.map(JSON.string))),
                ("no-match", JSON.array(rule.examples.noMatch.map(JSON.string))),
            ])),
            ("origin", JSON.string("\(rule.origin.path):\(rule.origin.line):\(rule.origin.column)")),
            ("selected", dependencyOf == nil ? "true" : "false"),
            ("dependency-of", JSON.array((dependencyOf ?? []).map(JSON.string))),
        ])
    }

    /// The text on one line, without surrounding white space.
    static func flatten(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }

    static func firstSentence(_ text: String) -> String {
        let flat = flatten(text)
        if let end = flat.range(of: ". ") { return String(flat[..<end.lowerBound]) + "." }
        return flat
    }

    static func wrap(_ text: String, width: Int = 100) -> String {
        var lines: [String] = []
        var current = ""
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            if !current.isEmpty && current.count + 1 + word.count > width {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines.joined(separator: "\n")
    }

    static func quote(_ text: String) -> String { ExampleRunner.Failure.quote(text) }
}
