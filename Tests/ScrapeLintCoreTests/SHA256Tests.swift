import ScrapeLintCore
import Testing

/// SHA-256 against the test vectors of FIPS 180-2 (and the empty text), fed whole and in pieces.
@Suite struct SHA256Tests {
    @Test func knownDigests() {
        let vectors: [(String, String)] = [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ]
        for (text, digest) in vectors { #expect(SHA256.hex(of: Array(text.utf8)) == digest, "\(text)") }
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(of: million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        let pieces = SHA256()
        for start in stride(from: 0, to: million.count, by: 333_333) { pieces.update(million[start..<min(start + 333_333, million.count)]) }
        #expect(pieces.finish() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // A collection without contiguous storage.
        #expect(SHA256.hex(of: "abc".utf8.lazy.map { $0 }) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
