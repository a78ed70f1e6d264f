import Foundation
import PCRE2

/// Rewrites a rule's PCRE2 pattern (compiled with UTF and UCP) into a Hyperscan pattern for **byte mode**
/// (no `HS_FLAG_UTF8`, no `HS_FLAG_UCP`) whose language holds the UTF-8 bytes of every string the original
/// matches, or says nil. Hyperscan compiles the built-in packs in about 2.5 s of CPU this way against 43 s in
/// UTF-8 mode: Unicode classes (`\p{L}`, `\w`, `[^\n]`) become large multi-byte automata there.
///
/// Why the result is a superset (the prefilter may say "maybe" too often, never too rarely). The scanned
/// documents are valid UTF-8 (``MultiPatternPass`` checks), so each character the original matches is a
/// whole UTF-8 sequence: one ASCII byte, or a lead byte `C2`-`F4` followed by one to three continuation bytes
/// `80`-`BF`. The rewrite maps the pattern piece by piece, so it suffices that each piece matches at least
/// the bytes of what the piece matched before:
/// - a piece matching one character (a literal, an escape, a class, `.`) becomes
///   `(?:ASCII|NON-ASCII)`. ASCII is the exact set of ASCII characters the piece matches, asked of PCRE2
///   itself with the piece's options (caseless, dotall), so no rule of PCRE2's class syntax is re-implemented
///   here. NON-ASCII is either the exact bytes of the few non-ASCII characters the piece can match (a literal
///   outside caseless mode; the listed characters of a plain class; the caseless partners of ASCII `k` and
///   `s`, U+212A and U+017F, the only non-ASCII characters PCRE2 folds to ASCII letters, which a test
///   checks over every code point), or, whenever that is not certain (negated classes, `\w`, `\d`, `\s`,
///   `\p{..}`, POSIX classes, ranges beyond ASCII, caseless non-ASCII literals, `.`), any non-ASCII character:
///   `[\xC0-\xFF][\x80-\xBF]*`, which holds the bytes of every one;
/// - assertions are dropped (lookarounds, `\b`, `\B`: dropping a condition only adds matches; `\b` could not
///   stay, since in byte mode it would see only ASCII word characters). `^` and `$` stay: Hyperscan's
///   multiline `^` and `$` hold at every LF, as PCRE2's do at the edges of a line or paragraph;
/// - groups become non-capturing, atomic groups and possessive quantifiers plain, lazy quantifiers greedy
///   (none of these changes which strings can match, except atomicity, whose removal only adds), bounded
///   repeats `{n,m}` open `{n,}` unless `m` is small (``largestBoundKept``; a bound kept is still a superset:
///   each repetition's rewrite matches at least the bytes that repetition matched), `\K` is dropped (it moves the start, the
///   prefilter uses ends);
/// - option settings (`(?i)`, `(?s)`, `(?x)`, scoped or not) are tracked as PCRE2 scopes them and applied
///   to the pieces; the output needs none (its classes list the case variants themselves).
/// - with `cutsLeadingLineRun` (what the database compiles), a top-level alternative that starts with `^`
///   and then a run of any characters (`^[^\n]*`, `^.*`, or an optional group starting with one, as in
///   `^(?:[^\n]*[ \t])?`) loses both: `^[^\n]*X` becomes `X`. Dropping a leading part of a concatenation
///   only adds match ends: every match of `^R X` ends where its part matching `X` ends, so the line or
///   paragraph holding that end still gets one (what is dropped can match the empty string, so what is
///   left can only if the whole could, and such expressions are not admitted at all). Only leading runs
///   of any character are dropped, so the lines reported are those holding `X`
///   anywhere instead of after a character boundary of their own: about the same lines, while Hyperscan
///   scans such an expression far faster (no state of it is live at every byte of every line; measured
///   in bench/RESULTS.md).
/// It gives up (nil) on what it does not map: back-references, subroutine calls, recursion, conditionals,
/// verbs, `\Q...\E`, `\A`, `\z`, `\G`, `\R`, `\X`, `\C`, and unknown escapes. Such patterns take the UTF-8
/// path of ``VectorscanDatabase/admit(_:flags:)``.
enum PrefilterByteSyntax {
    /// Part of the database cache key (``VectorscanDatabase/cacheKey(_:combined:)``), which holds the rules'
    /// source expressions, not the rewritten ones: raise it whenever the output of the byte-mode rewrite
    /// (``translate(_:caseless:dotall:extended:cutsLeadingLineRun:)`` and
    /// ``VectorscanDatabase/byteModeSource(_:flags:)`` around it, ``largestBoundKept`` included) changes for any
    /// pattern, or users keep databases compiled by the old rewrite until they clear their cache.
    /// `RewritePinTests` enforces it: it fails when the output for a built-in expression differs from the one
    /// pinned in `Tests/Snapshots/prefilter-rewrites.pin` while the versions stay; after raising, take the pin
    /// again (`SCRAPELINT_UPDATE_PINS=1 swift test --filter RewritePinTests`).
    static let version = 3

    /// Bounded repeats `{n,m}` with `m` up to this stay bounded; larger ones are opened to `{n,}`. Measured
    /// on the 30 MB bench corpus (bench/RESULTS.md): keeping `{0,3}` makes `layout-nav-block` name 53,000
    /// candidate lines instead of 194,000 (15,020 match) and `related-topic-tag` 2,800 instead of 13,600,
    /// which saves more PCRE2 time (about 40 ms) than the scan gains (about 17 ms); larger bounds changed
    /// no candidate there, and large ones (`{0,80}`) are what made compiles slow.
    static let largestBoundKept = 3

    /// Any one non-ASCII character of valid UTF-8 (and more): a lead byte, then continuation bytes.
    static let anyNonASCII = "[\\xC0-\\xFF][\\x80-\\xBF]*"

    /// The byte-mode pattern for `pattern` with the rule's options, or nil when it uses what is not mapped.
    /// `cutsLeadingLineRun`: drop a leading `^` and run of any characters of each top-level alternative (see above).
    static func translate(_ pattern: String, caseless: Bool, dotall: Bool, extended: Bool, cutsLeadingLineRun: Bool = false) -> String? {
        var translator = Translator(bytes: Array(pattern.utf8), options: Options(caseless: caseless, dotall: dotall, extended: extended))
        translator.cutsLeadingLineRun = cutsLeadingLineRun
        guard let output = translator.sequence(topLevel: true), translator.index == translator.bytes.count else { return nil }
        return String(decoding: output, as: UTF8.self)
    }

    struct Options: Hashable {
        var caseless: Bool
        var dotall: Bool
        var extended: Bool
    }

    /// The non-ASCII characters one piece can match.
    enum NonASCII {
        case none
        /// Exactly these characters (their UTF-8 bytes).
        case exact([UInt32])
        /// Possibly any.
        case any
    }

    /// ASCII membership of one-character pieces, asked of PCRE2, by piece and options.
    nonisolated(unsafe) private static var asciiCache: [String: [Bool]] = [:]
    private static let cacheLock = NSLock()

    /// Which of the 128 ASCII characters the one-character piece `source` matches with `options`; nil when
    /// PCRE2 does not compile it alone.
    static func asciiMembers(_ source: String, options: Options) -> [Bool]? {
        let key = "\(options.caseless ? "i" : "-")\(options.dotall ? "s" : "-")\(source)"
        cacheLock.lock()
        if let cached = asciiCache[key] {
            cacheLock.unlock()
            return cached
        }
        cacheLock.unlock()
        var compileOptions: CompileOptions = [.anchored]
        if options.caseless { compileOptions.insert(.caseless) }
        if options.dotall { compileOptions.insert(.dotAll) }
        guard let pattern = try? Pattern(source, options: compileOptions, jit: false) else { return nil }
        let scratch = MatchScratch(captureCount: pattern.captureCount)
        var members = [Bool](repeating: false, count: 128)
        for value in 0..<128 {
            let subject = [UInt8(value)]
            let found = subject.withUnsafeBufferPointer { buffer in (try? pattern.firstMatch(in: buffer, scratch: scratch)) ?? nil }
            members[value] = found?.range == 0..<1
        }
        cacheLock.lock()
        asciiCache[key] = members
        cacheLock.unlock()
        return members
    }

    /// `(?:ASCII|NON-ASCII)` in byte-mode syntax; nil when the piece matches nothing.
    static func emit(ascii: [Bool], nonASCII: NonASCII) -> [UInt8]? {
        var alternatives: [String] = []
        let members = (0..<128).filter { ascii[$0] }
        if members.count == 1 {
            alternatives.append(hex(members[0]))
        } else if !members.isEmpty {
            var ranges = ""
            var start = members[0], previous = members[0]
            for value in members.dropFirst() + [-1] {
                if value == previous + 1 {
                    previous = value
                    continue
                }
                ranges += start == previous ? hex(start) : start + 1 == previous ? hex(start) + hex(previous) : hex(start) + "-" + hex(previous)
                start = value
                previous = value
            }
            alternatives.append("[" + ranges + "]")
        }
        switch nonASCII {
        case .none: break
        case .exact(let scalars):
            for scalar in Set(scalars).sorted() {
                guard let character = Unicode.Scalar(scalar) else { return nil }
                alternatives.append(String(character).utf8.map { hex(Int($0)) }.joined())
            }
        case .any: alternatives.append(anyNonASCII)
        }
        if alternatives.isEmpty { return nil }
        if alternatives.count == 1 { return Array(alternatives[0].utf8) }
        return Array(("(?:" + alternatives.joined(separator: "|") + ")").utf8)
    }

    /// A byte as `\xHH`, or the letter or digit itself.
    private static func hex(_ value: Int) -> String {
        if let scalar = Unicode.Scalar(value), scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar)) {
            return String(Character(scalar))
        }
        let digits = String(value, radix: 16, uppercase: true)
        return "\\x" + (digits.count == 1 ? "0" + digits : digits)
    }

    /// The non-ASCII partners PCRE2's caseless matching gives ASCII letters: `k`/`K` match U+212A KELVIN SIGN,
    /// `s`/`S` U+017F LATIN SMALL LETTER LONG S (checked over every code point by a test).
    static let caselessPartners: [UInt8: UInt32] = [0x6B: 0x212A, 0x4B: 0x212A, 0x73: 0x017F, 0x53: 0x017F]

    private struct Translator {
        let bytes: [UInt8]
        var index = 0
        var options: Options
        /// Whether top-level alternatives lose a leading `^` and run of any characters.
        var cutsLeadingLineRun = false
        /// Whether the sequence last parsed has one alternative whose first item is a run of any characters
        /// (a starred ``Piece/isLineRun`` piece); read by ``group()`` right after its ``sequence(topLevel:)``.
        private var lastSequenceLeadsWithLineRun = false

        init(bytes: [UInt8], options: Options) {
            self.bytes = bytes
            self.options = options
        }

        private func byte(_ character: Unicode.Scalar) -> UInt8 { UInt8(character.value) }

        private func at(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

        private func starts(with literal: String) -> Bool {
            let needle = Array(literal.utf8)
            return index + needle.count <= bytes.count && bytes[index..<(index + needle.count)].elementsEqual(needle)
        }

        /// Skips white space and comments in extended mode.
        private mutating func skipExtended() {
            guard options.extended else { return }
            while index < bytes.count {
                let current = bytes[index]
                if current == 0x20 || (0x09...0x0D).contains(current) {
                    index += 1
                } else if current == byte("#") {
                    while index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
                } else if let (scalar, length) = decode(at: index), [0x85, 0x200E, 0x200F, 0x2028, 0x2029].contains(scalar) {
                    // PCRE2's extended mode also skips these ("Pattern White Space") in UTF mode.
                    index += length
                } else {
                    return
                }
            }
        }

        /// The UTF-8 character starting at `offset` and its length.
        private func decode(at offset: Int) -> (UInt32, Int)? {
            let lead = bytes[offset]
            let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0
            guard length > 0, offset + length <= bytes.count else { return nil }
            var value = length == 1 ? UInt32(lead) : UInt32(lead) & (0xFF >> (length + 1))
            for next in bytes[(offset + 1)..<(offset + length)] {
                guard next & 0xC0 == 0x80 else { return nil }
                value = value << 6 | UInt32(next & 0x3F)
            }
            return (value, length)
        }

        /// Alternatives up to the `)` closing the current group (not consumed) or the end; `topLevel` for
        /// the whole pattern's.
        mutating func sequence(topLevel: Bool = false) -> [UInt8]? {
            var output: [UInt8] = []
            /// Where the current alternative's output starts, and how many items it has.
            var alternativeStart = 0
            var items = 0
            var alternatives = 1
            var leadsWithLineRun = false
            while true {
                skipExtended()
                if index >= bytes.count || bytes[index] == byte(")") {
                    lastSequenceLeadsWithLineRun = alternatives == 1 && leadsWithLineRun
                    return output
                }
                let current = bytes[index]
                if current == byte("|") {
                    output.append(current)
                    index += 1
                    alternativeStart = output.count
                    items = 0
                    alternatives += 1
                    continue
                }
                guard let piece = item() else { return nil }
                skipExtended()
                let quantifier = self.quantifier()
                guard let quantifier else { return nil }
                if !quantifier.isEmpty {
                    // PCRE2 takes `a{2}{3}` as a repeat of a repeat: not mapped (a literal brace would be wrong).
                    let after = index
                    skipExtended()
                    let next = self.quantifier()
                    index = after
                    guard next?.isEmpty == true else { return nil }
                }
                let starred = quantifier == Array("*".utf8) || quantifier == Array("{0,}".utf8)
                if items == 0 && piece.isLineRun && starred { leadsWithLineRun = true }
                if !piece.bytes.isEmpty { items += 1 }
                if topLevel && cutsLeadingLineRun && output[alternativeStart...].elementsEqual([byte("^")])
                    && ((piece.isLineRun && starred) || (piece.leadsWithLineRun && (starred || quantifier == [byte("?")]))) {
                    // `^[^\n]*X` -> `X`, `^(?:[^\n]*[ \t])?X` -> `X`: see the type's comment.
                    output.removeLast()
                    items = 0
                    continue
                }
                if quantifier.isEmpty {
                    output += piece.bytes
                } else {
                    // A quantifier after something dropped (an assertion) or after an anchor: PCRE2 allows
                    // some of these, none is worth mapping.
                    guard piece.quantifiable else { return nil }
                    output += piece.isAtom ? piece.bytes : Array("(?:".utf8) + piece.bytes + [byte(")")]
                    output += quantifier
                }
            }
        }

        /// The quantifier at `index` in byte-mode form (`{n,m}` opened to `{n,}` unless `m` is at most
        /// ``PrefilterByteSyntax/largestBoundKept``, lazy and possessive
        /// markers dropped), empty when there is none; nil when malformed.
        private mutating func quantifier() -> [UInt8]? {
            guard index < bytes.count else { return [] }
            var output: [UInt8]
            switch bytes[index] {
            case byte("*"), byte("+"), byte("?"):
                output = [bytes[index]]
                index += 1
            case byte("{"):
                var end = index + 1
                while end < bytes.count, (byte("0")...byte("9")).contains(bytes[end]) { end += 1 }
                let low = bytes[(index + 1)..<end]
                guard !low.isEmpty, end < bytes.count else { return [] }
                if bytes[end] == byte("}") {
                    output = Array("{".utf8) + low + Array("}".utf8)
                    index = end + 1
                } else if bytes[end] == byte(",") {
                    var close = end + 1
                    while close < bytes.count, (byte("0")...byte("9")).contains(bytes[close]) { close += 1 }
                    guard close < bytes.count, bytes[close] == byte("}") else { return [] }
                    let high = bytes[(end + 1)..<close]
                    if let limit = Int(String(decoding: high, as: UTF8.self)), limit <= PrefilterByteSyntax.largestBoundKept {
                        output = Array("{".utf8) + low + Array(",".utf8) + high + Array("}".utf8)
                    } else {
                        output = Array("{".utf8) + low + Array(",}".utf8)
                    }
                    index = close + 1
                } else {
                    // A literal brace: no quantifier.
                    return []
                }
            default:
                return []
            }
            if index < bytes.count, bytes[index] == byte("?") || bytes[index] == byte("+") { index += 1 }
            return output
        }

        struct Piece {
            var bytes: [UInt8]
            var quantifiable: Bool
            /// Whether a quantifier applies to all of ``bytes`` as they are (one byte, a class, a group).
            var isAtom = true
            /// Whether it is one character of any kind but a line end (every ASCII byte but LF and CR, any
            /// non-ASCII character): `[^\n]`, `.`, `\N`.
            var isLineRun = false
            /// Whether it is a group of one alternative whose first item is a run of ``isLineRun`` characters.
            var leadsWithLineRun = false
        }

        /// One item: a group, a class, an escape, `.`, an anchor or a literal character.
        private mutating func item() -> Piece? {
            let current = bytes[index]
            switch current {
            case byte("("):
                return group()
            case byte("["):
                return characterClass()
            case byte("\\"):
                return escape()
            case byte("."):
                index += 1
                return single(".", nonASCII: .any)
            case byte("^"), byte("$"):
                index += 1
                return Piece(bytes: [current], quantifiable: false)
            case byte("*"), byte("+"), byte("?"):
                return nil
            default:
                guard let (scalar, length) = decode(at: index) else { return nil }
                index += length
                return literal(scalar)
            }
        }

        /// A one-character piece: its ASCII members from PCRE2, with `nonASCII`.
        private func single(_ source: String, nonASCII: NonASCII) -> Piece? {
            guard let ascii = PrefilterByteSyntax.asciiMembers(source, options: options) else { return nil }
            var nonASCII = nonASCII
            if options.caseless, case .exact(let listed) = nonASCII {
                nonASCII = .exact(listed + PrefilterByteSyntax.caselessPartners.filter { ascii[Int($0.key)] }.map(\.value))
            } else if options.caseless, case .none = nonASCII {
                let partners = PrefilterByteSyntax.caselessPartners.filter { ascii[Int($0.key)] }.map(\.value)
                if !partners.isEmpty { nonASCII = .exact(partners) }
            }
            guard let bytes = PrefilterByteSyntax.emit(ascii: ascii, nonASCII: nonASCII) else { return nil }
            // A lone non-ASCII character is several `\xHH` bytes: a quantifier needs a group around them.
            let escapes = bytes.count(where: { $0 == byte("\\") })
            var wide = false
            if case .any = nonASCII { wide = (0..<128).allSatisfy { ascii[$0] || $0 == 0x0A || $0 == 0x0D } }
            return Piece(bytes: bytes, quantifiable: true, isAtom: bytes.first == byte("(") || bytes.first == byte("[") || escapes <= 1, isLineRun: wide)
        }

        private func literal(_ scalar: UInt32) -> Piece? {
            let source = "\\x{" + String(scalar, radix: 16) + "}"
            if scalar < 0x80 { return single(source, nonASCII: .none) }
            // A caseless non-ASCII letter has case variants this rewrite does not list.
            return single(source, nonASCII: options.caseless ? .any : .exact([scalar]))
        }

        private mutating func group() -> Piece? {
            let saved = options
            var drop = false
            if starts(with: "(?#") {
                guard let close = bytes[index...].firstIndex(of: byte(")")) else { return nil }
                index = close + 1
                // A quantifier after a comment would quantify the item before it: given up on (quantifiable: false).
                return Piece(bytes: [], quantifiable: false)
            }
            if starts(with: "(?=") || starts(with: "(?!") {
                index += 3
                drop = true
            } else if starts(with: "(?<=") || starts(with: "(?<!") {
                index += 4
                drop = true
            } else if starts(with: "(?:") || starts(with: "(?>") || starts(with: "(?|") {
                index += 3
            } else if starts(with: "(?<") || starts(with: "(?P<") || starts(with: "(?'") {
                let close = starts(with: "(?'") ? byte("'") : byte(">")
                guard let end = bytes[index...].firstIndex(of: close) else { return nil }
                index = end + 1
            } else if starts(with: "(?") {
                // Option settings: `(?i)`, `(?-i:`, `(?^s)`; anything else (calls, recursion, conditionals,
                // callouts) is given up on.
                var position = index + 2
                var on = true
                var changed = options
                if position < bytes.count, bytes[position] == byte("^") {
                    changed = Options(caseless: false, dotall: false, extended: false)
                    position += 1
                }
                while position < bytes.count {
                    switch bytes[position] {
                    case byte("-"): on = false
                    case byte("i"): changed.caseless = on
                    case byte("s"): changed.dotall = on
                    case byte("x"):
                        // `xx` also ignores spaces inside classes: not mapped.
                        if position + 1 < bytes.count, bytes[position + 1] == byte("x") { return nil }
                        changed.extended = on
                    case byte("m"), byte("n"), byte("U"), byte("J"): break
                    case byte(")"):
                        // Unscoped: holds to the end of the enclosing group, whose own parse restores the options.
                        index = position + 1
                        options = changed
                        return Piece(bytes: [], quantifiable: false)
                    case byte(":"):
                        index = position + 1
                        options = changed
                        let inner = sequence()
                        options = saved
                        guard let inner, index < bytes.count, bytes[index] == byte(")") else { return nil }
                        index += 1
                        return Piece(bytes: Array("(?:".utf8) + inner + [byte(")")], quantifiable: true)
                    default: return nil
                    }
                    position += 1
                }
                return nil
            } else if starts(with: "(*") {
                return nil
            } else {
                index += 1
            }
            let inner = sequence()
            let leads = lastSequenceLeadsWithLineRun
            options = saved
            guard let inner, index < bytes.count, bytes[index] == byte(")") else { return nil }
            index += 1
            if drop { return Piece(bytes: [], quantifiable: false) }
            return Piece(bytes: Array("(?:".utf8) + inner + [byte(")")], quantifiable: true, leadsWithLineRun: leads)
        }

        private mutating func escape() -> Piece? {
            guard index + 1 < bytes.count else { return nil }
            let next = bytes[index + 1]
            let start = index
            index += 2
            switch next {
            case byte("b"), byte("B"):
                return Piece(bytes: [], quantifiable: false)
            case byte("K"):
                return Piece(bytes: [], quantifiable: false)
            case byte("E"):
                return Piece(bytes: [], quantifiable: false)
            case byte("d"), byte("D"), byte("w"), byte("W"), byte("s"), byte("S"), byte("h"), byte("H"), byte("v"), byte("V"):
                return single(String(decoding: bytes[start..<index], as: UTF8.self), nonASCII: .any)
            case byte("N"):
                if index < bytes.count, bytes[index] == byte("{") { return codePoint(from: start).flatMap { literal($0) } }
                return single("\\N", nonASCII: .any)
            case byte("p"), byte("P"):
                if index < bytes.count, bytes[index] == byte("{") {
                    guard let close = bytes[index...].firstIndex(of: byte("}")) else { return nil }
                    index = close + 1
                } else {
                    guard index < bytes.count else { return nil }
                    index += 1
                }
                return single(String(decoding: bytes[start..<index], as: UTF8.self), nonASCII: .any)
            case byte("x"), byte("o"), byte("0"), byte("a"), byte("e"), byte("f"), byte("n"), byte("r"), byte("t"), byte("c"):
                return codePoint(from: start).flatMap { literal($0) }
            default:
                if next < 0x80, !(Unicode.Scalar(next).properties.isAlphabetic || (byte("0")...byte("9")).contains(next)) {
                    return literal(UInt32(next))
                }
                // Back-references (`\1`, `\g`, `\k`), `\A`, `\z`, `\Z`, `\G`, `\Q`, `\R`, `\X`, `\C` and unknown escapes.
                return nil
            }
        }

        /// The character an escape at `start` names (`\x{..}`, `\xHH`, `\o{..}`, `\0oo`, `\t`, `\cX`,
        /// `\N{U+..}`), with `index` moved past it; nil when malformed. PCRE2 confirms ASCII ones: the piece's
        /// ASCII members, asked of PCRE2 outside caseless mode, must be just that character.
        private mutating func codePoint(from start: Int) -> UInt32? {
            index = start + 2
            let kind = bytes[start + 1]
            func braced(radix: Int) -> UInt32? {
                guard index < bytes.count, bytes[index] == byte("{"), let close = bytes[index...].firstIndex(of: byte("}")) else { return nil }
                let text = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
                index = close + 1
                return UInt32(text, radix: radix)
            }
            func bare(radix: Int, upTo limit: Int) -> UInt32? {
                var end = index
                while end < bytes.count, end - index < limit, UInt32(String(UnicodeScalar(bytes[end])), radix: radix) != nil { end += 1 }
                let text = String(decoding: bytes[index..<end], as: UTF8.self)
                index = end
                return text.isEmpty ? 0 : UInt32(text, radix: radix)
            }
            var value: UInt32?
            switch kind {
            case byte("x"): value = index < bytes.count && bytes[index] == byte("{") ? braced(radix: 16) : bare(radix: 16, upTo: 2)
            case byte("o"): value = braced(radix: 8)
            case byte("0"): value = bare(radix: 8, upTo: 2)
            case byte("a"): value = 0x07
            case byte("e"): value = 0x1B
            case byte("f"): value = 0x0C
            case byte("n"): value = 0x0A
            case byte("r"): value = 0x0D
            case byte("t"): value = 0x09
            case byte("c"):
                guard index < bytes.count, bytes[index] >= 0x20, bytes[index] < 0x7F else { return nil }
                let control = bytes[index] >= byte("a") && bytes[index] <= byte("z") ? bytes[index] - 0x20 : bytes[index]
                value = UInt32(control ^ 0x40)
                index += 1
            case byte("N"):
                guard starts(with: "{U+"), let close = bytes[index...].firstIndex(of: byte("}")) else { return nil }
                value = UInt32(String(decoding: bytes[(index + 3)..<close], as: UTF8.self), radix: 16)
                index = close + 1
            default: return nil
            }
            guard let value, Unicode.Scalar(value) != nil else { return nil }
            if value < 0x80 {
                let source = String(decoding: bytes[start..<index], as: UTF8.self)
                let plain = Options(caseless: false, dotall: options.dotall, extended: false)
                guard let members = PrefilterByteSyntax.asciiMembers(source, options: plain),
                      members.indices.filter({ members[$0] }) == [Int(value)] else { return nil }
            }
            return value
        }

        /// A character class `[...]`: its ASCII members from PCRE2; its non-ASCII ones listed when it is a
        /// plain list (not negated, no class escapes, POSIX classes or ranges beyond ASCII, not caseless).
        private mutating func characterClass() -> Piece? {
            let start = index
            index += 1
            var negated = false
            if index < bytes.count, bytes[index] == byte("^") {
                negated = true
                index += 1
            }
            var wide = negated
            var listed: [UInt32] = []
            var first = true
            /// The previous member, when it was one character (a range may follow).
            var previous: UInt32?
            var inRange = false
            while true {
                guard index < bytes.count else { return nil }
                let current = bytes[index]
                if current == byte("]") && !first { break }
                first = false
                var member: UInt32?
                if current == byte("[") && at(1) == byte(":") {
                    guard let close = findPosixEnd() else { return nil }
                    index = close
                    wide = true
                } else if current == byte("\\") {
                    guard let next = at(1) else { return nil }
                    switch next {
                    case byte("d"), byte("D"), byte("w"), byte("W"), byte("s"), byte("S"), byte("h"), byte("H"), byte("v"), byte("V"):
                        index += 2
                        wide = true
                    case byte("p"), byte("P"):
                        index += 2
                        if index < bytes.count, bytes[index] == byte("{") {
                            guard let close = bytes[index...].firstIndex(of: byte("}")) else { return nil }
                            index = close + 1
                        } else {
                            index += 1
                        }
                        wide = true
                    case byte("b"):
                        index += 2
                        member = 0x08
                    case byte("x"), byte("o"), byte("0"), byte("a"), byte("e"), byte("f"), byte("n"), byte("r"), byte("t"), byte("c"), byte("N"):
                        guard let value = codePoint(from: index) else { return nil }
                        member = value
                    default:
                        guard next < 0x80, !(Unicode.Scalar(next).properties.isAlphabetic || (byte("0")...byte("9")).contains(next)) else { return nil }
                        index += 2
                        member = UInt32(next)
                    }
                } else {
                    guard let (scalar, length) = decode(at: index) else { return nil }
                    index += length
                    member = scalar
                }
                if inRange {
                    // `a-z`: a range ending beyond ASCII may hold any non-ASCII character.
                    guard let low = previous, let high = member else { return nil }
                    if high >= 0x80 || low >= 0x80 { wide = true }
                    listed.removeAll { $0 == low }
                    inRange = false
                    previous = nil
                    continue
                }
                if let member, index + 1 < bytes.count, bytes[index] == byte("-"), bytes[index + 1] != byte("]") {
                    previous = member
                    inRange = true
                    index += 1
                    if member >= 0x80 { listed.append(member) }
                    continue
                }
                if let member, member >= 0x80 { listed.append(member) }
                previous = nil
            }
            index += 1
            let source = String(decoding: bytes[start..<index], as: UTF8.self)
            let nonASCII: NonASCII = wide || (options.caseless && !listed.isEmpty) ? .any : listed.isEmpty ? .none : .exact(listed)
            return single(source, nonASCII: nonASCII)
        }

        /// The offset just past a POSIX class `[:name:]` at `index`.
        private func findPosixEnd() -> Int? {
            var position = index + 2
            while position + 1 < bytes.count {
                if bytes[position] == byte(":") && bytes[position + 1] == byte("]") { return position + 2 }
                if bytes[position] == byte("]") { return nil }
                position += 1
            }
            return nil
        }
    }
}
