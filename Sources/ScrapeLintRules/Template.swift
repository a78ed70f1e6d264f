import PCRE2

/// A message or replacement with references to the match: `$0` (the whole match), `$1`..`$99`, `${12}`,
/// `${name}`, and `$$` for a literal dollar sign. Parsed and checked against the pattern's groups when the
/// rule loads, so a bad reference is a load error, never a surprise at fix time.
package struct Template: Hashable, Sendable {
    package enum Part: Hashable, Sendable {
        case literal([UInt8])
        case group(Int)
    }

    package let parts: [Part]

    package enum ParseError: Error, Equatable {
        case unknownGroup(String)
        /// A group of a `(?(DEFINE)...)` block: it exists but never captures.
        case neverCaptures(String)
        case malformed(offset: Int)
    }

    /// Parses `text`, resolving names and checking numbers against `captureCount` and `names`; a
    /// reference to a group in `neverCaptures` (see ``DefineGroups``) is an error too.
    package init(_ text: String, captureCount: Int, names: [String: Int], neverCaptures: Set<Int> = []) throws(ParseError) {
        let bytes = Array(text.utf8)
        var parts: [Part] = []
        var literal: [UInt8] = []
        var index = 0
        func flush() {
            if !literal.isEmpty { parts.append(.literal(literal)); literal = [] }
        }
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "$") else {
                literal.append(byte)
                index += 1
                continue
            }
            guard index + 1 < bytes.count else { throw .malformed(offset: index) }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "$") {
                literal.append(next)
                index += 2
            } else if next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9") {
                var end = index + 1
                var number = 0
                while end < bytes.count, end < index + 3, bytes[end] >= 48, bytes[end] <= 57 {
                    number = number * 10 + Int(bytes[end] - 48)
                    end += 1
                }
                guard number <= captureCount else { throw .unknownGroup(String(number)) }
                guard !neverCaptures.contains(number) else { throw .neverCaptures(String(number)) }
                flush()
                parts.append(.group(number))
                index = end
            } else if next == UInt8(ascii: "{") {
                guard let close = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: "}")) else {
                    throw .malformed(offset: index)
                }
                let name = String(decoding: bytes[(index + 2)..<close], as: UTF8.self)
                let number: Int
                if let value = Int(name), value >= 0 {
                    guard value <= captureCount else { throw .unknownGroup(name) }
                    number = value
                } else if let value = names[name] {
                    number = value
                } else {
                    throw .unknownGroup(name)
                }
                guard !neverCaptures.contains(number) else { throw .neverCaptures(name) }
                flush()
                parts.append(.group(number))
                index = close + 1
            } else {
                throw .malformed(offset: index)
            }
        }
        flush()
        self.parts = parts
    }

    /// True when the template has no group references.
    package var isLiteral: Bool { parts.allSatisfy { if case .literal = $0 { true } else { false } } }

    /// Expands the template with `match` over `bytes` (an unset group expands to nothing).
    package func expand(_ match: Match, in bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        expand(match.groups, in: bytes)
    }

    /// Expands the template with a match's `groups` (`groups[0]` the whole match) over `bytes`.
    package func expand(_ groups: [Range<Int>?], in bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        for part in parts {
            switch part {
            case .literal(let text): output.append(contentsOf: text)
            case .group(let number):
                if number < groups.count, let range = groups[number] {
                    output.append(contentsOf: bytes[range])
                }
            }
        }
        return output
    }
}
