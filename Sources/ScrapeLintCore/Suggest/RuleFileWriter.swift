/// Writes rules as a rule file that ``RuleLoader`` reads back to the same rules. Only the keys a rule
/// uses are written; every string is quoted (``quote(_:)``), so no value can be read as another type.
public enum RuleFileWriter {
    /// A rule file of `rules`, each preceded by its comment (if any).
    public static func yaml(description: String, rules: [(rule: Rule, comment: String?)]) -> String {
        if rules.isEmpty { return "description: \(quote(description))\nrules: []\n" }
        var output = "description: \(quote(description))\nrules:\n"
        for (rule, comment) in rules {
            if let comment { output += "  # \(comment.split(whereSeparator: \.isNewline).joined(separator: " "))\n" }
            output += "  - id: \(rule.id)\n"
            output += "    category: \(rule.category)\n"
            output += "    severity: \(rule.severity.rawValue)\n"
            output += "    scope: \(rule.scope.rawValue)\n"
            output += "    pattern: \(quote(rule.pattern))\n"
            if !rule.flags.isEmpty { output += "    flags: [\(rule.flags.map(\.rawValue).joined(separator: ", "))]\n" }
            if let unless = rule.unless { output += "    unless: \(quote(unless))\n" }
            output += "    fix: \(rule.fix.rawValue)\n"
            if let replacement = rule.replacement { output += "    replacement: \(quote(replacement))\n" }
            output += "    message: \(quote(rule.message))\n"
            output += "    description: \(quote(rule.description))\n"
            output += "    examples:\n      match:\n"
            for example in rule.examples.match { output += "        - \(quote(example))\n" }
            output += "      no-match:\n"
            for example in rule.examples.noMatch { output += "        - \(quote(example))\n" }
        }
        return output
    }

    /// A YAML scalar that reads back as exactly `text`: single-quoted when every character is printable
    /// and on one line (quotes doubled), else double-quoted with escapes.
    public static func quote(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy(isPlainPrintable) {
            return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        }
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if isPlainPrintable(scalar) {
                    output.unicodeScalars.append(scalar)
                } else {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    let width = scalar.value > 0xFFFF ? 8 : 4
                    output += (width == 8 ? "\\U" : "\\u") + String(repeating: "0", count: width - hex.count) + hex
                }
            }
        }
        return output + "\""
    }

    /// Characters YAML allows unescaped in a quoted scalar on one line (and that no reader trims or folds).
    static func isPlainPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E: true
        case 0xA0...0xD7FF: scalar.value != 0x2028 && scalar.value != 0x2029
        case 0xE000...0xFFFD: scalar.value != 0xFEFF
        case 0x10000...0x10FFFF: true
        default: false
        }
    }
}
