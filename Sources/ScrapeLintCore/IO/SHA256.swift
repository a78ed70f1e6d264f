import CLibCrypto

/// SHA-256 of bytes, by OpenSSL's libcrypto (a maintained implementation; no hash code of our own). The edit
/// log identifies each fixed document by its length and this digest; the result cache finds entries by it.
///
/// It calls OpenSSL's low-level `SHA256_Init`/`_Update`/`_Final` (deprecated since OpenSSL 3.0, present in
/// every 3.x build; the same implementation EVP runs) rather than EVP: EVP's first use initializes the
/// library for the whole process (reads `openssl.cnf`, fills its digest and cipher tables, asks for an
/// ENGINE), which cost 5.3 M instructions at start-up, a third of what the result cache added to `check`
/// of a one-line file. `SHA256Tests` checks it against the standard's test vectors.
public final class SHA256 {
    private var context = SHA256_CTX()
    private var finished = false

    public init() {
        guard SHA256_Init(&context) == 1 else { fatalError("libcrypto cannot start a SHA-256 digest") }
    }

    /// Adds bytes to the digest.
    public func update(_ bytes: some Collection<UInt8>) {
        precondition(!finished, "a finished SHA-256 digest updated")
        let done: Int32? = bytes.withContiguousStorageIfAvailable { buffer in
            SHA256_Update(&context, buffer.baseAddress, buffer.count)
        }
        let status = done ?? Array(bytes).withUnsafeBufferPointer { SHA256_Update(&context, $0.baseAddress, $0.count) }
        precondition(status == 1, "libcrypto failed to update a SHA-256 digest")
    }

    /// The digest as 64 lowercase hexadecimal digits; the hasher cannot be used afterwards.
    public func finish() -> String {
        precondition(!finished, "a SHA-256 digest finished twice")
        finished = true
        var digest = [UInt8](repeating: 0, count: 32)
        let status = SHA256_Final(&digest, &context)
        precondition(status == 1, "libcrypto failed to finish a SHA-256 digest")
        return SHA256.hex(digest)
    }

    /// The digest of `bytes`, as 64 lowercase hexadecimal digits.
    public static func hex(of bytes: some Collection<UInt8>) -> String {
        let hasher = SHA256()
        hasher.update(bytes)
        return hasher.finish()
    }

    private static func hex(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
