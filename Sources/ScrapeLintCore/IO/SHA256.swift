import CLibCrypto

/// SHA-256 of bytes, by OpenSSL's libcrypto (a maintained implementation; no hash code of our own). The edit
/// log identifies each fixed document by its length and this digest.
public final class SHA256 {
    private let context: OpaquePointer
    private var finished = false

    public init() {
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            fatalError("libcrypto cannot start a SHA-256 digest")
        }
        self.context = context
    }

    /// Adds bytes to the digest.
    public func update(_ bytes: some Collection<UInt8>) {
        precondition(!finished, "a finished SHA-256 digest updated")
        let done: Int32? = bytes.withContiguousStorageIfAvailable { buffer in
            EVP_DigestUpdate(context, buffer.baseAddress, buffer.count)
        }
        let status = done ?? Array(bytes).withUnsafeBufferPointer { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
        precondition(status == 1, "libcrypto failed to update a SHA-256 digest")
    }

    deinit { EVP_MD_CTX_free(context) }

    /// The digest as 64 lowercase hexadecimal digits; the hasher cannot be used afterwards.
    public func finish() -> String {
        precondition(!finished, "a SHA-256 digest finished twice")
        finished = true
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let status = EVP_DigestFinal_ex(context, &digest, &length)
        precondition(status == 1 && length == 32, "libcrypto failed to finish a SHA-256 digest")
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
