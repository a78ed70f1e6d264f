/// The capturing groups of a pattern that sit inside a `(?(DEFINE)...)` block: they exist only to be
/// called (`(?&name)`, `(?1)`) and never capture, so a template that names one always expands to nothing.
/// Found by scanning the pattern's syntax (escapes, `\Q...\E`, character classes, comments); when the
/// scan is unsure (a branch reset `(?|`, or a group count that differs from PCRE2's), it reports none.
enum DefineGroups {
    /// The numbers of the groups inside DEFINE blocks. `captureCount` is PCRE2's count, used as a check
    /// of the scan; `extended` says whether `#` opens a comment outside classes.
    static func numbers(in pattern: String, captureCount: Int, extended: Bool) -> Set<Int> {
        let bytes = Array(pattern.utf8)
        enum Open { case define, capture, other }
        var stack: [Open] = []
        var defined = Set<Int>()
        var count = 0
        var index = 0
        func starts(_ text: String, at offset: Int) -> Bool {
            let literal = Array(text.utf8)
            return offset + literal.count <= bytes.count && Array(bytes[offset..<(offset + literal.count)]) == literal
        }
        func skip(past terminator: UInt8, from offset: Int) -> Int {
            var position = offset
            while position < bytes.count && bytes[position] != terminator { position += 1 }
            return position + 1
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\\"):
                if starts("\\Q", at: index) {
                    var position = index + 2
                    while position < bytes.count && !starts("\\E", at: position) { position += 1 }
                    index = position + 2
                } else {
                    index += 2
                }
            case UInt8(ascii: "["):
                index = classEnd(bytes, from: index)
            case UInt8(ascii: "#") where extended:
                index = skip(past: UInt8(ascii: "\n"), from: index)
            case UInt8(ascii: "("):
                var kind = Open.other
                if starts("(?#", at: index) {
                    index = skip(past: UInt8(ascii: ")"), from: index)
                    continue
                } else if starts("(?|", at: index) {
                    return []
                } else if starts("(?(DEFINE)", at: index) {
                    kind = .define
                    index += "(?(DEFINE)".utf8.count - 1
                } else if starts("(?<", at: index) && !starts("(?<=", at: index) && !starts("(?<!", at: index)
                            || starts("(?'", at: index) || starts("(?P<", at: index) {
                    kind = .capture
                } else if index + 1 < bytes.count && (bytes[index + 1] == UInt8(ascii: "?") || bytes[index + 1] == UInt8(ascii: "*")) {
                    kind = .other
                } else {
                    kind = .capture
                }
                if kind == .capture {
                    count += 1
                    if stack.contains(.define) { defined.insert(count) }
                }
                stack.append(kind)
                index += 1
            case UInt8(ascii: ")"):
                if !stack.isEmpty { stack.removeLast() }
                index += 1
            default:
                index += 1
            }
        }
        return count == captureCount ? defined : []
    }

    /// The offset just past the character class that opens at `start` (`[...]`, with `]` first taken
    /// literally, escapes and POSIX classes such as `[:alpha:]`).
    private static func classEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start + 1
        if index < bytes.count && bytes[index] == UInt8(ascii: "^") { index += 1 }
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") { index += 1 }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "[") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: ":"):
                var position = index + 2
                while position + 1 < bytes.count && !(bytes[position] == UInt8(ascii: ":") && bytes[position + 1] == UInt8(ascii: "]")) {
                    position += 1
                }
                index = position + 2
            case UInt8(ascii: "]"): return index + 1
            default: index += 1
            }
        }
        return index
    }
}
