import Foundation
@testable import ScrapeLintCore
import Testing

/// The JSON string codec and scanner of JSON Lines records: every byte string survives encoding and
/// decoding, escapes are exactly the ones the output has always had, and malformed strings are reported at
/// the same byte.
@Suite struct JSONRecordTests {
    @Test func encodesExactly() {
        let input: [UInt8] = Array("a\"b\\c\nd\re\tf/".utf8) + [0x01, 0x1F, 0x7F] + [0xED, 0xA0, 0x80] + [0xED, 0x9F, 0xBF]
            + [0xFF, 0xED] + Array("é end".utf8)
        let expected: [UInt8] = Array(#""a\"b\\c\nd\re\tf/\u0001\u001f"#.utf8) + [0x7F] + Array(#"\ud800"#.utf8) + [0xED, 0x9F, 0xBF]
            + [0xFF, 0xED] + Array("é end\"".utf8)
        #expect(JSONRecord.encodeString(input) == expected)
        #expect(JSONRecord.encodeString([]) == [0x22, 0x22])
        #expect(JSONRecord.encodeString([0xED, 0xA0]) == [0x22, 0xED, 0xA0, 0x22])
    }

    @Test func appendsAfterWhatIsThere() {
        var output = Array("{\"text\": ".utf8)
        JSONRecord.appendEncoded(Array("x\ny".utf8), to: &output)
        #expect(String(decoding: output, as: UTF8.self) == #"{"text": "x\ny""#)
    }

    /// Random bytes (all 256 values, with encoded surrogates and escapes at run edges) come back as they were.
    @Test func everyByteStringRoundTrips() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        let pieces: [[UInt8]] = [[0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0x22], [0x5C], [0x0A], [0x00], Array("plain text ".utf8)]
        for _ in 0..<2000 {
            var bytes: [UInt8] = []
            for _ in 0..<(next() % 12) {
                bytes += next() % 3 == 0 ? [UInt8(next() % 256)] : pieces[next() % pieces.count]
            }
            let encoded = JSONRecord.encodeString(bytes)
            // An encoded high surrogate right before a low one reads back as the pair's one code point.
            if !hasSurrogatePair(bytes) { #expect(try JSONRecord.decodeString(encoded[...]) == bytes) }
            // The literal is one string to the scanner, ending where it ends.
            var scanner = JSONRecord.Scanner(bytes: encoded[...])
            #expect(try scanner.skipString() == 0..<encoded.count)
            if let text = String(validating: bytes, as: UTF8.self), !bytes.contains(0xED) {
                let parsed = try JSONSerialization.jsonObject(with: Data(encoded), options: .fragmentsAllowed) as? String
                #expect(parsed == text)
            }
        }
    }

    private func hasSurrogatePair(_ bytes: [UInt8]) -> Bool {
        func surrogate(at index: Int, _ range: ClosedRange<UInt8>) -> Bool {
            index + 2 < bytes.count && bytes[index] == 0xED && range.contains(bytes[index + 1]) && bytes[index + 2] & 0xC0 == 0x80
        }
        return bytes.indices.contains { surrogate(at: $0, 0xA0...0xAF) && surrogate(at: $0 + 3, 0xB0...0xBF) }
    }

    @Test func aSurrogatePairReadsBackAsOneCodePoint() throws {
        let encoded = JSONRecord.encodeString([0xED, 0xA0, 0x80, 0xED, 0xBF, 0xBF])
        #expect(String(decoding: encoded, as: UTF8.self) == #""\ud800\udfff""#)
        #expect(try JSONRecord.decodeString(encoded[...]) == [0xF0, 0x90, 0x8F, 0xBF])
    }

    @Test(arguments: [
        (#"{"a": "abc"#, "malformed JSON at byte 11: expected a closing quote"),
        (#"{"a": "ab\"#, "malformed JSON at byte 12: expected a closing quote"),
        ("{\"a\": \"a\u{01}b\"}", "malformed JSON at byte 9: expected an escaped control character"),
        (#"{"a": "x\"}"#, "malformed JSON at byte 12: expected a closing quote"),
        (#"{"a\": 1}"#, "malformed JSON at byte 10: expected a closing quote"),
        // Past the first eight bytes of the string (read eight at a time).
        (#"{"a": "0123456789abcdefghij"#, "malformed JSON at byte 28: expected a closing quote"),
        (#"{"a": "0123456789abcdefghi\"#, "malformed JSON at byte 29: expected a closing quote"),
        ("{\"a\": \"0123456789abcdefghij\u{01}\"}", "malformed JSON at byte 28: expected an escaped control character"),
        ("{\"a\": \"0123456789abcdefg\u{7F}hij\u{1F}\"}", "malformed JSON at byte 29: expected an escaped control character"),
    ])
    func malformedStringsAtTheirByte(line: String, message: String) {
        #expect(throws: JSONRecord.ScanError.self) { try JSONRecord(Array(line.utf8)[...]) }
        do {
            _ = try JSONRecord(Array(line.utf8)[...])
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func scansASliceInTheMiddleOfALine() throws {
        let line = Array(#"xx{"id": 1, "text": "a \"b\" c"}yy"#.utf8)
        let record = try JSONRecord(line[2..<(line.count - 2)])
        let range = try #require(record.value(of: "text"))
        #expect(try JSONRecord.decodeString(line[range]) == Array(#"a "b" c"#.utf8))
    }
}
