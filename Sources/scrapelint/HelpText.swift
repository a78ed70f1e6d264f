import Foundation

/// Help screens wrapped at the terminal's width without breaking what must be copied whole: the lines of an
/// `Examples:` block, any indented command line starting with `scrapelint ` and the `USAGE:` line stay whole;
/// option rows wrap with their help text aligned in its column. swift-argument-parser renders the text
/// unwrapped (at a huge width) and this wraps it.
enum HelpText {
    /// The column where swift-argument-parser starts an option's help text.
    static let helpColumn = 26

    /// `COLUMNS` when set, else the width of the terminal on standard output, else 80.
    static func terminalWidth(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        if let value = environment["COLUMNS"].flatMap(Int.init), value > 0 { return value }
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    static func wrap(_ text: String, width: Int) -> String {
        let width = max(width, 40)
        var output: [String] = []
        var inExamples = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.isEmpty { inExamples = false }
            defer { if line.trimmingCharacters(in: .whitespaces) == "Examples:" { inExamples = true } }
            let indent = line.prefix(while: { $0 == " " }).count
            if line.count <= width || (inExamples && indent > 0) || (indent > 0 && line.dropFirst(indent).hasPrefix("scrapelint "))
                || line.hasPrefix("USAGE: ") {
                output.append(line)
                continue
            }
            let characters = Array(line)
            let isOptionRow = indent == 2 && characters.count > helpColumn
                && characters[helpColumn - 1] == " " && characters[helpColumn] != " "
            let hanging = isOptionRow ? helpColumn : indent
            output += wrapped(prefix: String(characters[..<hanging]), text: String(characters[hanging...]), indent: hanging, width: width)
        }
        return output.joined(separator: "\n")
    }

    /// `text` in lines of at most `width` (a longer word gets a line of its own), the first after `prefix`,
    /// the others after `indent` spaces.
    static func wrapped(prefix: String, text: String, indent: Int, width: Int) -> [String] {
        var lines: [String] = []
        var current = prefix
        var empty = true
        for word in text.split(separator: " ") {
            if !empty && current.count + 1 + word.count > width {
                lines.append(current)
                current = String(repeating: " ", count: indent)
                empty = true
            }
            current += (empty ? "" : " ") + word
            empty = false
        }
        lines.append(current)
        return lines
    }
}
