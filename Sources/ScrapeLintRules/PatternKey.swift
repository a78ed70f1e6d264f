import Glibc
import PCRE2

/// A pattern's source and compile options as a dictionary key, compared and hashed as the UTF-8 bytes PCRE2
/// compiles. `String`'s own `==` and hash treat canonically equivalent texts as equal (a precomposed `é` and
/// `e` with a combining accent), which are different patterns to PCRE2; and its hash normalizes the text to
/// NFC first, which cost about 7 M instructions at start-up for the built-in packs' long non-ASCII patterns.
package struct PatternKey: Hashable, Sendable {
    package let source: String
    package let options: UInt32

    package init(source: String, options: CompileOptions) {
        self.source = source
        self.options = options.rawValue
    }

    package init(source: String, options: UInt32) {
        self.source = source
        self.options = options
    }

    package static func == (lhs: PatternKey, rhs: PatternKey) -> Bool {
        guard lhs.options == rhs.options else { return false }
        var left = lhs.source, right = rhs.source
        return left.withUTF8 { a in
            right.withUTF8 { b in a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0) }
        }
    }

    /// Hashes the options, the length and the first and last 64 bytes: patterns are long (kilobytes), and
    /// equal keys compare whole anyway.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(options)
        var source = source
        source.withUTF8 { bytes in
            hasher.combine(bytes.count)
            let raw = UnsafeRawBufferPointer(bytes)
            hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: raw.prefix(64)))
            if raw.count > 64 { hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: raw.suffix(64))) }
        }
    }
}
