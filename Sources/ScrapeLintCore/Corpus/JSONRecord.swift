#if canImport(Glibc)
import Glibc
#endif

/// One JSON Lines record, scanned without building a tree: the line is checked to be one JSON object,
/// and the byte ranges of its top-level keys and values are kept, so that a field can be replaced while
/// every other byte of the line stays as it was (same keys, same values, same order, same spacing).
public struct JSONRecord {
    /// The line without its terminator.
    public let bytes: ArraySlice<UInt8>
    /// Top-level members in order: decoded key, and the byte range of the raw value.
    public let members: [(key: [UInt8], value: Range<Int>)]
    /// Offset of the object's closing brace.
    public let closingBrace: Int

    public enum ScanError: Error, Equatable, CustomStringConvertible {
        case malformed(offset: Int, expected: String)
        case notAnObject
        case tooDeep

        public var description: String {
            switch self {
            case .malformed(let offset, let expected): "malformed JSON at byte \(offset + 1): expected \(expected)"
            case .notAnObject: "the line is not a JSON object"
            case .tooDeep: "JSON nested too deeply"
            }
        }
    }

    /// Scans `bytes` (one line, no terminator).
    public init(_ bytes: ArraySlice<UInt8>) throws(ScanError) {
        self.bytes = bytes
        var scanner = Scanner(bytes: bytes)
        scanner.skipSpace()
        guard scanner.peek() == UInt8(ascii: "{") else {
            if scanner.atEnd { throw .malformed(offset: scanner.offset, expected: "a JSON object") }
            throw .notAnObject
        }
        scanner.advance()
        var members: [(key: [UInt8], value: Range<Int>)] = []
        members.reserveCapacity(8)
        scanner.skipSpace()
        if scanner.peek() == UInt8(ascii: "}") {
            closingBrace = scanner.position
            scanner.advance()
        } else {
            while true {
                scanner.skipSpace()
                guard scanner.peek() == UInt8(ascii: "\"") else { throw .malformed(offset: scanner.offset, expected: "a key string") }
                let keyRange = try scanner.skipString()
                let key = try JSONRecord.decodeString(bytes[keyRange])
                scanner.skipSpace()
                guard scanner.peek() == UInt8(ascii: ":") else { throw .malformed(offset: scanner.offset, expected: "':'") }
                scanner.advance()
                scanner.skipSpace()
                let valueStart = scanner.position
                try scanner.skipValue(depth: 0)
                members.append((key, valueStart..<scanner.position))
                scanner.skipSpace()
                if scanner.peek() == UInt8(ascii: ",") { scanner.advance(); continue }
                guard scanner.peek() == UInt8(ascii: "}") else { throw .malformed(offset: scanner.offset, expected: "',' or '}'") }
                closingBrace = scanner.position
                scanner.advance()
                break
            }
        }
        scanner.skipSpace()
        guard scanner.atEnd else { throw .malformed(offset: scanner.offset, expected: "the end of the line") }
        self.members = members
    }

    /// The raw value of the top-level member named `key`; of the last one when the key is repeated, as
    /// JSON parsers (Python's `json`, jq, JavaScript) read it.
    public func value(of key: String) -> Range<Int>? {
        members.last { $0.key.elementsEqual(key.utf8) }?.value
    }

    /// How many top-level members are named `key`.
    public func count(of key: String) -> Int {
        members.lazy.filter { $0.key.elementsEqual(key.utf8) }.count
    }

    /// Whether the raw value at `range` is a JSON string.
    public func isString(_ range: Range<Int>) -> Bool { bytes[range.lowerBound] == UInt8(ascii: "\"") }

    /// Decodes a JSON string literal (with its quotes) to bytes. A `\u` escape of a lone surrogate becomes
    /// its three-byte WTF-8 form, which the engine treats as invalid bytes and keeps, and
    /// ``encodeString(_:)`` turns back into the same escape.
    public static func decodeString(_ literal: ArraySlice<UInt8>) throws(ScanError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(literal.count)
        var index = literal.startIndex + 1
        let end = literal.endIndex - 1
        while index < end {
            // Copy the run up to the next backslash in one go.
            let next = literal[index..<end].withUnsafeBufferPointer { run in
                memchr(run.baseAddress!, 0x5C, run.count).map { $0.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: run.baseAddress!) }
            }
            let runEnd = next.map { index + $0 } ?? end
            if runEnd > index {
                output.append(contentsOf: literal[index..<runEnd])
                index = runEnd
                continue
            }
            let escape = literal[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "\""): output.append(0x22)
            case UInt8(ascii: "\\"): output.append(0x5C)
            case UInt8(ascii: "/"): output.append(0x2F)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var value = try hex4(literal, at: index)
                index += 4
                if (0xD800..<0xDC00).contains(value), index + 5 < end + 1, literal[index] == 0x5C, literal[index + 1] == UInt8(ascii: "u"),
                   let low = try? hex4(literal, at: index + 2), (0xDC00..<0xE000).contains(low) {
                    value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                appendUTF8(value, to: &output)
            default:
                throw .malformed(offset: index - 1 - literal.startIndex, expected: "a valid escape")
            }
        }
        return output
    }

    /// Encodes bytes as a JSON string literal: quotes, backslashes and control characters escaped,
    /// everything else as UTF-8; WTF-8 surrogates (from lone `\u` escapes) back to `\u` escapes; other
    /// invalid bytes are kept as they are, so that nothing is lost.
    public static func encodeString(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        appendEncoded(bytes, to: &output)
        return output
    }

    /// Appends ``encodeString(_:)`` of `bytes` to `output` (a record's line being put together, with no
    /// literal of its own in between). Runs of bytes that need no escape are copied in one go.
    static func appendEncoded(_ bytes: [UInt8], to output: inout [UInt8]) {
        output.reserveCapacity(output.count + bytes.count + 2)
        output.append(0x22)
        bytes.withUnsafeBufferPointer { buffer in
            JSONRecord.isPlain.withUnsafeBufferPointer { plain in
                let count = buffer.count
                let raw = UnsafeRawPointer(buffer.baseAddress)
                var index = 0
                var runStart = 0
                while index < count {
                    // Eight plain bytes at a time.
                    if let raw, index + 8 <= count, JSONRecord.isPlainWord(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                        index += 8
                        continue
                    }
                    let byte = buffer[index]
                    if plain[Int(byte)] {
                        index += 1
                        continue
                    }
                    if index > runStart { output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<index])) }
                    switch byte {
                    case 0x22: output.append(0x5C); output.append(0x22)
                    case 0x5C: output.append(0x5C); output.append(0x5C)
                    case 0x0A: output.append(0x5C); output.append(UInt8(ascii: "n"))
                    case 0x0D: output.append(0x5C); output.append(UInt8(ascii: "r"))
                    case 0x09: output.append(0x5C); output.append(UInt8(ascii: "t"))
                    case 0x00..<0x20:
                        appendUnicodeEscape(Int(byte), to: &output)
                    case 0xED where index + 2 < count && buffer[index + 1] >= 0xA0 && buffer[index + 1] <= 0xBF
                        && buffer[index + 2] & 0xC0 == 0x80:
                        appendUnicodeEscape(0xD000 | (Int(buffer[index + 1] & 0x3F) << 6) | Int(buffer[index + 2] & 0x3F), to: &output)
                        index += 2
                    default: output.append(byte)
                    }
                    index += 1
                    runStart = index
                }
                if count > runStart { output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<count])) }
            }
        }
        output.append(0x22)
    }

    /// `\u` and four lowercase hex digits.
    private static func appendUnicodeEscape(_ value: Int, to output: inout [UInt8]) {
        let hex: StaticString = "0123456789abcdef"
        output.append(0x5C)
        output.append(UInt8(ascii: "u"))
        for shift in [12, 8, 4, 0] { output.append(hex.utf8Start[(value >> shift) & 0xF]) }
    }

    /// Whether one of the eight bytes of `word` is zero (exact: the borrow of a lower byte can only set
    /// the flag of a byte above a zero one).
    @inline(__always)
    static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0
    }

    /// Whether one of the eight bytes of `word` is below 0x20 (exact, as ``hasZeroByte(_:)``).
    @inline(__always)
    static func hasByteBelow0x20(_ word: UInt64) -> Bool {
        (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 != 0
    }

    /// Whether all eight bytes of `word` are ``isPlain``.
    @inline(__always)
    static func isPlainWord(_ word: UInt64) -> Bool {
        !(hasByteBelow0x20(word) || hasZeroByte(word ^ 0x2222_2222_2222_2222) || hasZeroByte(word ^ 0x5C5C_5C5C_5C5C_5C5C)
            || hasZeroByte(word ^ 0xEDED_EDED_EDED_EDED))
    }

    /// Bytes that a JSON string can carry as they are (everything but controls, quote, backslash, and the
    /// 0xED lead byte that may start an encoded surrogate).
    static let isPlain: [Bool] = (0..<256).map { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0xED }

    private static func hex4(_ bytes: ArraySlice<UInt8>, at index: Int) throws(ScanError) -> Int {
        guard index + 4 <= bytes.endIndex else { throw .malformed(offset: index - bytes.startIndex, expected: "four hex digits") }
        var value = 0
        for byte in bytes[index..<(index + 4)] {
            let digit: Int
            switch byte {
            case 48...57: digit = Int(byte) - 48
            case 65...70: digit = Int(byte) - 55
            case 97...102: digit = Int(byte) - 87
            default: throw .malformed(offset: index - bytes.startIndex, expected: "four hex digits")
            }
            value = value << 4 | digit
        }
        return value
    }

    private static func appendUTF8(_ value: Int, to output: inout [UInt8]) {
        switch value {
        case 0..<0x80: output.append(UInt8(value))
        case 0x80..<0x800: output += [UInt8(0xC0 | value >> 6), UInt8(0x80 | value & 0x3F)]
        case 0x800..<0x10000:
            output += [UInt8(0xE0 | value >> 12), UInt8(0x80 | (value >> 6) & 0x3F), UInt8(0x80 | value & 0x3F)]
        default:
            output += [UInt8(0xF0 | value >> 18), UInt8(0x80 | (value >> 12) & 0x3F),
                       UInt8(0x80 | (value >> 6) & 0x3F), UInt8(0x80 | value & 0x3F)]
        }
    }

    /// A strict JSON value skipper over a byte slice.
    struct Scanner {
        let bytes: ArraySlice<UInt8>
        var position: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            position = bytes.startIndex
        }

        var atEnd: Bool { position >= bytes.endIndex }
        var offset: Int { position - bytes.startIndex }
        func peek() -> UInt8? { atEnd ? nil : bytes[position] }
        mutating func advance() { position += 1 }

        mutating func skipSpace() {
            while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
        }

        /// Skips a string literal; returns its range with the quotes. The bytes are read through a pointer:
        /// a record's text is most of its line.
        mutating func skipString() throws(ScanError) -> Range<Int> {
            let start = position
            let base = bytes.startIndex
            // Where the scan stopped (relative to `base`) and why: 0 the closing quote, 1 a control
            // character, 2 the end of the line.
            let (stop, reason) = bytes.withUnsafeBufferPointer { buffer -> (Int, Int) in
                var index = start - base + 1
                let count = buffer.count
                let raw = UnsafeRawPointer(buffer.baseAddress!)
                while true {
                    // Eight bytes at a time while none of them is a quote, a backslash or a control character.
                    while index + 8 <= count {
                        let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                        if JSONRecord.hasZeroByte(word ^ 0x2222_2222_2222_2222) || JSONRecord.hasZeroByte(word ^ 0x5C5C_5C5C_5C5C_5C5C)
                            || JSONRecord.hasByteBelow0x20(word) { break }
                        index += 8
                    }
                    guard index < count else { return (index, 2) }
                    let byte = buffer[index]
                    if byte == 0x22 { return (index, 0) }
                    if byte == 0x5C {
                        index += 2
                    } else if byte < 0x20 {
                        return (index, 1)
                    } else {
                        index += 1
                    }
                }
            }
            position = base + stop
            switch reason {
            case 0:
                position += 1
                return start..<position
            case 1: throw .malformed(offset: offset, expected: "an escaped control character")
            default: throw .malformed(offset: offset, expected: "a closing quote")
            }
        }

        mutating func skipValue(depth: Int) throws(ScanError) {
            guard depth < 512 else { throw .tooDeep }
            guard let byte = peek() else { throw .malformed(offset: offset, expected: "a value") }
            switch byte {
            case 0x22: _ = try skipString()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let close = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                position += 1
                skipSpace()
                if peek() == close { position += 1; return }
                while true {
                    skipSpace()
                    if close == UInt8(ascii: "}") {
                        guard peek() == 0x22 else { throw .malformed(offset: offset, expected: "a key string") }
                        _ = try skipString()
                        skipSpace()
                        guard peek() == UInt8(ascii: ":") else { throw .malformed(offset: offset, expected: "':'") }
                        position += 1
                        skipSpace()
                    }
                    try skipValue(depth: depth + 1)
                    skipSpace()
                    if peek() == UInt8(ascii: ",") { position += 1; continue }
                    guard peek() == close else { throw .malformed(offset: offset, expected: "',' or '\(Character(UnicodeScalar(close)))'") }
                    position += 1
                    return
                }
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), 48...57: try number()
            default: throw .malformed(offset: offset, expected: "a value")
            }
        }

        private mutating func literal(_ word: String) throws(ScanError) {
            for expected in word.utf8 {
                guard peek() == expected else { throw .malformed(offset: offset, expected: "`\(word)`") }
                position += 1
            }
        }

        private mutating func number() throws(ScanError) {
            if peek() == UInt8(ascii: "-") { position += 1 }
            func digits() -> Int {
                var count = 0
                while let byte = peek(), byte >= 48, byte <= 57 { position += 1; count += 1 }
                return count
            }
            guard let first = peek(), first >= 48, first <= 57 else { throw .malformed(offset: offset, expected: "a digit") }
            if first == 48 { position += 1 } else { _ = digits() }
            if peek() == UInt8(ascii: ".") {
                position += 1
                guard digits() > 0 else { throw .malformed(offset: offset, expected: "a digit") }
            }
            if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
                position += 1
                if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
                guard digits() > 0 else { throw .malformed(offset: offset, expected: "a digit") }
            }
        }
    }
}
