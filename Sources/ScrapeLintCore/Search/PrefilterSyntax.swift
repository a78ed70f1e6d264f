/// Rewrites a PCRE2 pattern into one Hyperscan can compile that matches at least everything the original
/// matches (a prefilter may say "maybe" too often, never too rarely), or says nil. Hyperscan refuses
/// subroutine calls, possessive quantifiers, atomic groups and `\K`; the rewrite
/// - inlines each `(?&name)` call of a group defined in a `(?(DEFINE)...)` block as `(?:body)` (PCRE2
///   10.30+ does not make such calls atomic, so this is the same language) and drops the DEFINE blocks;
/// - turns possessive quantifiers (`*+`, `++`, `?+`, `{n,m}+`) into greedy ones and atomic groups `(?>`
///   into `(?:` (removing atomicity only adds matches);
/// - drops `\K` (it moves the reported start, not the end, and the prefilter uses ends), and anchors `^`
///   after the start (Hyperscan refuses them);
/// - makes bounded repeats `{n,m}` unbounded `{n,}` (they make Hyperscan's compile slow).
/// It gives up (nil) on what it cannot rewrite safely: numbered or relative calls, recursion, `\Q...\E`,
/// branch resets, and inline option settings (an inlined body would take the options of the call site,
/// which could drop a case-insensitive match).
enum PrefilterSyntax {
    /// Part of the database cache key (``VectorscanDatabase/cacheKey(_:combined:)``), which holds the rules'
    /// source expressions, not the rewritten ones: raise it whenever the output of ``widen(_:extended:)``
    /// changes for any pattern (both paths of ``VectorscanDatabase/admit(_:flags:)`` use it), or users keep
    /// databases compiled by the old rewrite until they clear their cache. `RewritePinTests` enforces it: it
    /// fails when the output for a built-in expression differs from the one pinned in
    /// `Tests/Snapshots/prefilter-rewrites.pin` while the versions stay; after raising, take the pin again
    /// (`SCRAPELINT_UPDATE_PINS=1 swift test --filter RewritePinTests`).
    static let version = 2

    static func widen(_ pattern: String, extended: Bool) -> String? {
        let bytes = Array(pattern.utf8)
        guard let definitions = definitions(bytes, extended: extended) else { return nil }
        var expanding: Set<[UInt8]> = []
        guard let body = rewrite(bytes[...], definitions: definitions, extended: extended, insideCall: false, expanding: &expanding)
        else { return nil }
        return String(decoding: body, as: UTF8.self)
    }

    private static func byte(_ character: Unicode.Scalar) -> UInt8 { UInt8(character.value) }

    /// The bodies of the named groups inside DEFINE blocks, by name; nil when the pattern has a construct
    /// this rewrite does not handle.
    private static func definitions(_ bytes: [UInt8], extended: Bool) -> [[UInt8]: ArraySlice<UInt8>]? {
        var result: [[UInt8]: ArraySlice<UInt8>] = [:]
        var index = 0
        var defineDepth: Int?
        var depth = 0
        while index < bytes.count {
            let current = bytes[index]
            if current == byte("\\"), index + 1 < bytes.count, bytes[index + 1] == byte("Q") { return nil }
            if let next = skipInert(bytes, at: index, extended: extended) {
                index = next
                continue
            }
            if current == byte("(") {
                if starts(bytes, "(?(DEFINE)", at: index) {
                    // Only at the top level: a DEFINE block inside an option group would give its bodies
                    // options the call sites may lack.
                    if defineDepth != nil || depth != 0 { return nil }
                    defineDepth = depth
                    depth += 1
                    index += "(?(DEFINE)".utf8.count
                    continue
                }
                if defineDepth != nil, depth == defineDepth! + 1, starts(bytes, "(?<", at: index),
                   !starts(bytes, "(?<=", at: index), !starts(bytes, "(?<!", at: index) {
                    guard let close = bytes[(index + 3)...].firstIndex(of: byte(">")) else { return nil }
                    let name = Array(bytes[(index + 3)..<close])
                    guard let end = groupEnd(bytes, from: index, extended: extended), result[name] == nil else { return nil }
                    result[name] = bytes[(close + 1)..<(end - 1)]
                    index = end
                    continue
                }
                depth += 1
            } else if current == byte(")") {
                depth -= 1
                if let level = defineDepth, depth == level { defineDepth = nil }
            }
            index += 1
        }
        return defineDepth == nil ? result : nil
    }

    /// `text` rewritten: calls inlined, DEFINE blocks dropped, possessive and atomic constructs loosened,
    /// `\K` dropped; inside an inlined body, named groups become non-capturing (a name may appear once).
    private static func rewrite(_ text: ArraySlice<UInt8>, definitions: [[UInt8]: ArraySlice<UInt8>], extended: Bool,
                                insideCall: Bool, expanding: inout Set<[UInt8]>) -> [UInt8]? {
        var output: [UInt8] = []
        var index = text.startIndex
        /// Whether the last thing written was a quantifier (a following `+` makes it possessive).
        var afterQuantifier = false
        while index < text.endIndex {
            let current = text[index]
            if afterQuantifier && current == byte("+") {
                afterQuantifier = false
                index += 1
                continue
            }
            afterQuantifier = false
            switch current {
            case byte("\\"):
                guard index + 1 < text.endIndex else { return nil }
                let next = text[index + 1]
                if next == byte("Q") { return nil }
                // Numbered and relative calls or back-references by number (`\g<1>`, `\g'1'`) are not rewritten.
                if next == byte("g") { return nil }
                if next != byte("K") { output += text[index...(index + 1)] }
                index += 2
                // `\x{...}`, `\p{...}`, `\o{...}`, `\N{...}`: the braces belong to the escape, not a repeat.
                if index < text.endIndex, text[index] == byte("{") {
                    guard let close = text[index...].firstIndex(of: byte("}")) else { return nil }
                    output += text[index...close]
                    index = close + 1
                }
            case byte("["):
                let end = classEnd(Array(text), from: index - text.startIndex) + text.startIndex
                output += text[index..<min(end, text.endIndex)]
                index = end
            case byte("#") where extended:
                while index < text.endIndex && text[index] != byte("\n") {
                    output.append(text[index])
                    index += 1
                }
            case byte("("):
                let slice = Array(text[index...])
                if starts(slice, "(?(DEFINE)", at: 0) {
                    guard let end = groupEnd(slice, from: 0, extended: extended) else { return nil }
                    index += end
                    continue
                }
                if starts(slice, "(?&", at: 0) {
                    guard let close = slice.firstIndex(of: byte(")")) else { return nil }
                    let name = Array(slice[3..<close])
                    guard let body = definitions[name], !expanding.contains(name) else { return nil }
                    expanding.insert(name)
                    guard let inlined = rewrite(body, definitions: definitions, extended: extended, insideCall: true, expanding: &expanding)
                    else { return nil }
                    expanding.remove(name)
                    output += Array("(?:".utf8) + inlined + [byte(")")]
                    index += close + 1
                    afterQuantifier = false
                    continue
                }
                if starts(slice, "(?>", at: 0) {
                    output += Array("(?:".utf8)
                    index += 3
                    continue
                }
                if starts(slice, "(?<", at: 0) && !starts(slice, "(?<=", at: 0) && !starts(slice, "(?<!", at: 0) {
                    guard let close = slice.firstIndex(of: byte(">")) else { return nil }
                    output += insideCall ? Array("(?:".utf8) : Array(slice[0...close])
                    index += close + 1
                    continue
                }
                if slice.count > 2, slice[1] == byte("?") {
                    let kind = slice[2]
                    // Allowed: non-capturing groups and lookarounds. Anything else (options, calls by
                    // number or recursion, conditionals, branch resets, named groups in other spellings)
                    // is given up on.
                    let allowed = kind == byte(":") || kind == byte("=") || kind == byte("!")
                        || (kind == byte("<") && slice.count > 3 && (slice[3] == byte("=") || slice[3] == byte("!")))
                        || scopedOptions(slice)
                    guard allowed else { return nil }
                } else if slice.count > 1, slice[1] == byte("*") {
                    return nil
                }
                output.append(current)
                index += 1
            case byte("*"), byte("+"), byte("?"):
                output.append(current)
                index += 1
                // `+?` and `*?` are lazy quantifiers, not possessive ones; `(?` never reaches here.
                if index < text.endIndex && text[index] == byte("?") {
                    output.append(byte("?"))
                    index += 1
                } else {
                    afterQuantifier = true
                }
            case byte("{"):
                // A counted repeat `{n}`, `{n,}`, `{n,m}` (else a literal brace).
                var end = index + 1
                while end < text.endIndex && (text[end] >= byte("0") && text[end] <= byte("9") || text[end] == byte(",")) { end += 1 }
                output.append(current)
                index += 1
                if end < text.endIndex, text[end] == byte("}"), end > index, text[index] != byte(",") {
                    // `{n,m}` becomes `{n,}`: bounded repeats of wide classes make Hyperscan's compile take
                    // tens of seconds (`caption-photo-credit` alone took 40 s), unbounded ones do not.
                    let count = text[index..<end]
                    if let comma = count.firstIndex(of: byte(",")), comma + 1 < end {
                        output += text[index...comma] + [byte("}")]
                    } else {
                        output += text[index...end]
                    }
                    index = end + 1
                    if index < text.endIndex && text[index] == byte("?") {
                        output.append(byte("?"))
                        index += 1
                    } else {
                        afterQuantifier = true
                    }
                }
            case byte("^") where !output.allSatisfy({ extended && isSpace($0) }):
                // An anchor after the pattern's start (`(?:^|...)`): Hyperscan refuses it; dropping an
                // assertion only adds matches.
                index += 1
            default:
                output.append(current)
                index += 1
            }
        }
        return output
    }

    private static func isSpace(_ value: UInt8) -> Bool { value == 0x20 || value == 0x09 || value == 0x0A || value == 0x0D }

    /// Whether `group` opens with a scoped option group such as `(?i:` or `(?-i:`: its options hold inside
    /// it wherever it is inlined (unscoped settings such as `(?i)` are given up on).
    private static func scopedOptions(_ group: [UInt8]) -> Bool {
        var index = 2
        while index < group.count, "imsx-".utf8.contains(group[index]) { index += 1 }
        return index > 2 && index < group.count && group[index] == byte(":")
    }

    private static func starts(_ bytes: [UInt8], _ literal: String, at offset: Int) -> Bool {
        let needle = Array(literal.utf8)
        return offset + needle.count <= bytes.count && bytes[offset..<(offset + needle.count)].elementsEqual(needle)
    }

    /// The offset just past an escape, a character class or (in extended mode) a comment starting at
    /// `index`, where no parenthesis counts; nil when none starts there.
    private static func skipInert(_ bytes: [UInt8], at index: Int, extended: Bool) -> Int? {
        switch bytes[index] {
        case byte("\\"): return index + 2
        case byte("["): return classEnd(bytes, from: index)
        case byte("#") where extended:
            var end = index
            while end < bytes.count && bytes[end] != byte("\n") { end += 1 }
            return end
        default: return nil
        }
    }

    /// The offset just past the group opening at `start`; nil when unbalanced.
    private static func groupEnd(_ bytes: [UInt8], from start: Int, extended: Bool) -> Int? {
        var depth = 0
        var index = start
        while index < bytes.count {
            let current = bytes[index]
            if let next = skipInert(bytes, at: index, extended: extended) {
                index = next
                continue
            }
            if current == byte("(") { depth += 1 }
            if current == byte(")") {
                depth -= 1
                if depth == 0 { return index + 1 }
            }
            index += 1
        }
        return nil
    }

    /// The offset just past the character class opening at `start` (`]` first is literal; escapes; POSIX
    /// classes such as `[:alpha:]`).
    private static func classEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start + 1
        if index < bytes.count && bytes[index] == byte("^") { index += 1 }
        if index < bytes.count && bytes[index] == byte("]") { index += 1 }
        while index < bytes.count {
            switch bytes[index] {
            case byte("\\"): index += 2
            case byte("[") where index + 1 < bytes.count && bytes[index + 1] == byte(":"):
                var position = index + 2
                while position + 1 < bytes.count && !(bytes[position] == byte(":") && bytes[position + 1] == byte("]")) { position += 1 }
                index = position + 2
            case byte("]"): return index + 1
            default: index += 1
            }
        }
        return index
    }
}
