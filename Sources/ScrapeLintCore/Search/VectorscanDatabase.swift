#if Vectorscan
import CVectorscan
import Foundation

/// The Vectorscan (Hyperscan) block-mode databases of a rule set's expressions, compiled once and
/// shared between threads (a database is read-only while scanning); each thread scans with its own
/// ``VectorscanScratch``. Matches of expression `i` of ``expressions`` are reported with id `i`.
///
/// Each expression has a database of its own. One database of all of them would scan a document once,
/// but Vectorscan 5.4.9 was seen to miss matches in such a database (a line both `related-heading` and
/// `related-topic-tag` match, reported for only one of them among the 42 built-in expressions, and for
/// both when either is compiled with fewer companions); a prefilter must never miss, so each expression
/// is scanned alone.
final class VectorscanDatabase: @unchecked Sendable {
    /// One expression as Vectorscan compiles it: the source and the `HS_FLAG_*` bits (prefilter mode
    /// included when the expression only compiles that way).
    struct Expression: Hashable, Sendable {
        var source: String
        var flags: UInt32
    }

    let expressions: [Expression]
    /// Per expression: its database, nil when Vectorscan refused it.
    let databases: [OpaquePointer?]
    /// Where the databases came from, for `--timings`: `compiled`, `cache` or `compiled (not cached: ...)`.
    private(set) var origin: String

    private init(expressions: [Expression], databases: [OpaquePointer?], origin: String) {
        self.expressions = expressions
        self.databases = databases
        self.origin = origin
    }

    deinit { for database in databases { if let database { hs_free_database(database) } } }

    /// Expressions Vectorscan refused.
    var refused: Set<Int> { Set(databases.indices.filter { databases[$0] == nil }) }

    /// The library version, part of every cache key.
    static var libraryVersion: String { String(cString: hs_version()) }

    /// Decides how Vectorscan can take `source` with `flags`: as it is (exact), only in prefilter mode (a
    /// superset of the matches), or not at all (nil). Uses `hs_expression_info`, which parses without
    /// building the database.
    static func admit(_ source: String, flags: UInt32) -> Expression? {
        for candidate in [flags, flags | UInt32(HS_FLAG_PREFILTER)] {
            var info: UnsafeMutablePointer<hs_expr_info_t>?
            var error: UnsafeMutablePointer<hs_compile_error_t>?
            let status = hs_expression_info(source, candidate, &info, &error)
            if let error { hs_free_compile_error(error) }
            if status == HS_SUCCESS, let info {
                // An expression that can match the empty string would flag everything; PCRE2 does that job.
                let empty = info.pointee.min_width == 0
                free(info)
                return empty ? nil : Expression(source: source, flags: candidate)
            }
        }
        return nil
    }

    /// Compiles each expression into its own database (see ``admit(_:flags:)``); nil when Vectorscan refuses
    /// all of them.
    static func compile(_ expressions: [Expression]) -> VectorscanDatabase? {
        let databases = expressions.map { candidate -> OpaquePointer? in
            // Exact where Vectorscan takes the expression, else in prefilter mode, else not at all.
            guard let expression = admit(candidate.source, flags: candidate.flags) else { return nil }
            var database: OpaquePointer?
            var error: UnsafeMutablePointer<hs_compile_error_t>?
            let status = hs_compile(expression.source, expression.flags, UInt32(HS_MODE_BLOCK), nil, &database, &error)
            if let error { hs_free_compile_error(error) }
            return status == HS_SUCCESS ? database : nil
        }
        guard databases.contains(where: { $0 != nil }) else { return nil }
        return VectorscanDatabase(expressions: expressions, databases: databases, origin: "compiled")
    }

    /// The cache key of a database of `expressions` on this machine: the expressions, the library
    /// version and the CPU the database is tuned for.
    static func cacheKey(_ expressions: [Expression]) -> String {
        var platform = hs_platform_info_t()
        hs_populate_platform(&platform)
        var key = "scrapelint-vectorscan 1\nlibrary \(libraryVersion)\ncpu \(platform.tune) \(platform.cpu_features)\n"
        for expression in expressions { key += "\(expression.flags) \(expression.source.utf8.count) \(expression.source)\n" }
        return key
    }

    /// The databases of `expressions`: read from `cacheFolder` when databases of exactly these expressions
    /// for this library and CPU are there, else compiled and written there (atomically). A cache that
    /// cannot be read or written only costs the compile.
    static func load(_ expressions: [Expression], cacheFolder: String?) -> VectorscanDatabase? {
        if let cacheFolder, let cached = loadCached(expressions, cacheFolder: cacheFolder) { return cached }
        guard let compiled = compile(expressions) else { return nil }
        guard let cacheFolder else {
            compiled.origin = "compiled (not cached: no cache folder; set SCRAPELINT_CACHE_DIR)"
            return compiled
        }
        let key = cacheKey(expressions)
        if let reason = write(compiled, key: key, to: cacheFile(key, in: cacheFolder), folder: cacheFolder) {
            compiled.origin = "compiled (not cached: \(reason))"
        } else {
            compiled.origin = "compiled, cached in \(cacheFolder)"
        }
        return compiled
    }

    /// The cached databases of exactly `expressions` for this library and CPU in `cacheFolder`, if there.
    static func loadCached(_ expressions: [Expression], cacheFolder: String) -> VectorscanDatabase? {
        let key = cacheKey(expressions)
        guard let data = FileManager.default.contents(atPath: cacheFile(key, in: cacheFolder)) else { return nil }
        return decode(data, key: key, expressions: expressions)
    }

    private static func cacheFile(_ key: String, in folder: String) -> String {
        (folder as NSString).appendingPathComponent("prefilter-\(fnv1a(key)).hsdb")
    }

    /// File layout: the key's length (8 bytes, little endian) and the key, then per expression the length of
    /// its serialized database (8 bytes; 0 when refused) and the database.
    private static func write(_ database: VectorscanDatabase, key: String, to file: String, folder: String) -> String? {
        var data = Data()
        func appendLength(_ value: Int) { withUnsafeBytes(of: UInt64(value).littleEndian) { data.append(contentsOf: $0) } }
        let keyBytes = Array(key.utf8)
        appendLength(keyBytes.count)
        data.append(contentsOf: keyBytes)
        for part in database.databases {
            guard let part else {
                appendLength(0)
                continue
            }
            var bytes: UnsafeMutablePointer<CChar>?
            var length = 0
            guard hs_serialize_database(part, &bytes, &length) == HS_SUCCESS, let bytes else { return "serialization failed" }
            appendLength(length)
            data.append(UnsafeRawPointer(bytes).assumingMemoryBound(to: UInt8.self), count: length)
            free(bytes)
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: file), options: .atomic)
            return nil
        } catch {
            return "\(error.localizedDescription)"
        }
    }

    private static func decode(_ data: Data, key: String, expressions: [Expression]) -> VectorscanDatabase? {
        let bytes = [UInt8](data)
        var cursor = 0
        func readLength() -> Int? {
            guard cursor + 8 <= bytes.count else { return nil }
            let value = bytes[cursor..<(cursor + 8)].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
            cursor += 8
            return value <= UInt64(bytes.count - cursor) ? Int(value) : nil
        }
        guard let keyLength = readLength(), bytes[cursor..<(cursor + keyLength)].elementsEqual(key.utf8) else { return nil }
        cursor += keyLength
        var databases: [OpaquePointer?] = []
        for _ in expressions {
            guard let length = readLength() else { break }
            var database: OpaquePointer?
            if length > 0 {
                let status = bytes[cursor..<(cursor + length)].withUnsafeBytes { raw in
                    hs_deserialize_database(raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count, &database)
                }
                if status != HS_SUCCESS { database = nil }
            }
            cursor += length
            databases.append(database)
        }
        guard databases.count == expressions.count, cursor == bytes.count else {
            for database in databases { if let database { hs_free_database(database) } }
            return nil
        }
        return VectorscanDatabase(expressions: expressions, databases: databases, origin: "cache")
    }

    /// FNV-1a, 64 bits, as hex: a file name for a cache key (the key itself is checked inside the file).
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }

    /// Calls `body(id, end)` for every match end Vectorscan reports in `subject`, expression by expression
    /// (ends ascending within one); `body` returns false to stop that expression's scan.
    func scan(_ subject: UnsafeBufferPointer<UInt8>, scratch: VectorscanScratch, _ body: (UInt32, Int) -> Bool) {
        guard let base = subject.baseAddress, subject.count > 0 else { return }
        withoutActuallyEscaping(body) { handler in
            for (index, database) in databases.enumerated() {
                guard let database else { continue }
                var context = (id: UInt32(index), handler: handler)
                withUnsafeMutablePointer(to: &context) { pointer in
                    _ = hs_scan(database, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), UInt32(subject.count), 0,
                                scratch.scratch, { _, _, to, _, context in
                                    let context = context!.assumingMemoryBound(to: (id: UInt32, handler: (UInt32, Int) -> Bool).self).pointee
                                    return context.handler(context.id, Int(to)) ? 0 : 1
                                }, pointer)
                }
            }
        }
    }
}
#endif
