import Foundation

/// Minimal JSON text building with a fixed key order (Foundation's encoders do not keep one).
enum JSON {
    /// A JSON string literal for `text`.
    static func string(_ text: String) -> String {
        "\"" + text.replacingScalars { scalar in
            switch scalar {
            case "\"": "\\\""
            case "\\": "\\\\"
            case "\n": "\\n"
            case "\r": "\\r"
            case "\t": "\\t"
            case "\u{08}": "\\b"
            case "\u{0C}": "\\f"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                String(format: "\\u%04x", scalar.value)
            default: nil
            }
        } + "\""
    }

    /// A JSON object from ordered key/value pairs whose values are already JSON text.
    static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

    /// Bytes as a JSON string when they are valid UTF-8, else `null`.
    static func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(validating: bytes, as: UTF8.self).map(string) ?? "null"
    }

    /// `key` with the bytes as text, and `key_base64` beside it when they are not valid UTF-8, so that
    /// no byte is lost.
    static func lossless(_ key: String, _ bytes: ArraySlice<UInt8>) -> [(String, String)] {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return [(key, "null"), (key + "_base64", string(Data(bytes).base64EncodedString()))]
        }
        return [(key, string(text))]
    }

    /// Compact JSON text re-indented by two spaces a level (for documents people read and diff).
    static func pretty(_ compact: String) -> String {
        var output = ""
        var depth = 0
        var inString = false
        var escaped = false
        // Scalars, not characters: a quote followed by a combining mark is one Character.
        var previous: Unicode.Scalar = " "
        func newline() { output += "\n" + String(repeating: "  ", count: depth) }
        for character in compact.unicodeScalars {
            defer { previous = character }
            if inString {
                output.unicodeScalars.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                continue
            }
            switch character {
            case "\"":
                inString = true
                output.unicodeScalars.append(character)
            case "{", "[":
                depth += 1
                output.unicodeScalars.append(character)
                newline()
            case "}", "]":
                depth -= 1
                if previous == "{" || previous == "[" {
                    // An empty container stays on one line.
                    output.removeLast(1 + 2 * (depth + 1))
                } else {
                    newline()
                }
                output.unicodeScalars.append(character)
            case ",":
                output.unicodeScalars.append(character)
                newline()
            case ":":
                output += ": "
            default:
                output.unicodeScalars.append(character)
            }
        }
        return output
    }
}
