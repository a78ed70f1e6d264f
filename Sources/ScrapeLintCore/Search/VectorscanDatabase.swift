#if Vectorscan
import CVectorscan
import Foundation
import PCRE2

/// The Vectorscan (Hyperscan) block-mode database of a rule set's expressions, compiled once and
/// shared between threads (a database is read-only while scanning); each thread scans with its own
/// ``VectorscanScratch``. Matches of expression `i` of ``expressions`` are reported with id `i`.
///
/// With a library proven exact (``VectorscanLibrary/isProvenExact``: Intel Hyperscan 5.4.0 on x86-64) all
/// expressions share one database and a document is scanned once. Otherwise (the opt-in `--vectorscan`
/// on an unproven library) each expression has a database of its own: Vectorscan 5.4.9 was seen to miss
/// matches in one database of all of them (a line both `related-heading` and `related-topic-tag` match,
/// reported for only one), and fewer with one database per expression.
final class VectorscanDatabase: @unchecked Sendable {
    /// One expression as Vectorscan compiles it: the source and the `HS_FLAG_*` bits (prefilter mode
    /// included when the expression only compiles that way).
    struct Expression: Hashable, Sendable {
        var source: String
        var flags: UInt32
    }

    let expressions: [Expression]
    /// One database of every admitted expression (``isCombined``), or one per expression (nil where
    /// Vectorscan refused it).
    let databases: [OpaquePointer?]
    /// Whether ``databases`` is one database of all admitted expressions.
    let isCombined: Bool
    /// Expressions Vectorscan refused.
    let refused: Set<Int>
    /// Where the databases came from, for `--timings`: `compiled`, `cache` or `compiled (not cached: ...)`.
    private(set) var origin: String

    private init(expressions: [Expression], databases: [OpaquePointer?], isCombined: Bool, refused: Set<Int>, origin: String) {
        self.expressions = expressions
        self.databases = databases
        self.isCombined = isCombined
        self.refused = refused
        self.origin = origin
    }

    deinit { for database in databases { if let database { hs_free_database(database) } } }

    /// The library version, part of every cache key.
    static var libraryVersion: String { String(cString: hs_version()) }

    /// Decides how Vectorscan can take `source` with `flags`: as it is (exact), only in prefilter mode (a
    /// superset of the matches), or not at all (nil); a source Vectorscan refuses is tried again widened by
    /// ``PrefilterSyntax`` (subroutine calls inlined, possessive and atomic constructs loosened, `\K`
    /// dropped), in prefilter mode. Uses `hs_expression_info`, which parses without building the database.
    static func admit(_ source: String, flags: UInt32) -> Expression? {
        if let expression = admitInByteMode(source, flags: flags) { return expression }
        if let expression = admitAsWritten(source, flags: flags) { return expression }
        guard let widened = widened(source) else { return nil }
        return admitAsWritten(widened, flags: flags | UInt32(HS_FLAG_PREFILTER))
    }

    /// `source` widened by ``PrefilterSyntax`` (a leading `(?x)` kept), as ``admit(_:flags:)`` tries it last;
    /// nil when the rewrite gives up. No Hyperscan call: `RewritePinTests` pins its output.
    static func widened(_ source: String) -> String? {
        let extended = source.hasPrefix("(?x)")
        guard let widened = PrefilterSyntax.widen(extended ? String(source.dropFirst(4)) : source, extended: extended) else { return nil }
        return extended ? "(?x)" + widened : widened
    }

    /// The expression in byte mode (``byteModeSource(_:flags:)``), which compiles in a fraction of the time
    /// UTF-8 mode takes; nil when the rewrite gives up or Hyperscan refuses it.
    static func admitInByteMode(_ source: String, flags: UInt32) -> Expression? {
        guard let translated = byteModeSource(source, flags: flags) else { return nil }
        return admitAsWritten(translated, flags: UInt32(HS_FLAG_MULTILINE))
    }

    /// `source` rewritten for byte mode (``PrefilterByteSyntax``; subroutine calls of DEFINE groups inlined
    /// first by ``PrefilterSyntax``), with leading runs of any characters cut; nil when the rewrite gives up.
    /// No Hyperscan call: `RewritePinTests` pins its output.
    static func byteModeSource(_ source: String, flags: UInt32) -> String? {
        var pattern = source
        let extended = pattern.hasPrefix("(?x)")
        if extended { pattern.removeFirst(4) }
        if LinePrefilters.contains(pattern, anyOf: ["(?&", "(?(DEFINE)"]) {
            guard let widened = PrefilterSyntax.widen(pattern, extended: extended) else { return nil }
            pattern = widened
        }
        return PrefilterByteSyntax.translate(pattern, caseless: flags & UInt32(HS_FLAG_CASELESS) != 0,
                                             dotall: flags & UInt32(HS_FLAG_DOTALL) != 0, extended: extended,
                                             cutsLeadingLineRun: true)
    }

    private static func admitAsWritten(_ source: String, flags: UInt32) -> Expression? {
        if LinePrefilters.contains(source, anyOf: ["\\K"]) { return nil }
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

    /// Compiles the expressions Vectorscan takes (see ``admit(_:flags:)``): into one database when
    /// `combined`, else one per expression; nil when Vectorscan refuses all of them. An expression that
    /// passes admission but that the compile itself refuses ("Pattern is too large.") is left out and the
    /// one database compiled again without it; only a failure Hyperscan does not pin on one expression
    /// falls back to one database per expression (about as slow to compile and to scan as it sounds).
    static func compile(_ expressions: [Expression], combined: Bool = VectorscanLibrary.isProvenExact) -> VectorscanDatabase? {
        let admitted = expressions.map { admit($0.source, flags: $0.flags) }
        var refused = Set(admitted.indices.filter { admitted[$0] == nil })
        combining: while combined, refused.count < expressions.count {
            let ids = admitted.indices.filter { admitted[$0] != nil && !refused.contains($0) }
            switch compileOne(ids.map { admitted[$0]! }, ids: ids) {
            case .compiled(let database):
                return VectorscanDatabase(expressions: expressions, databases: [database], isCombined: true, refused: refused, origin: "compiled")
            case .refused(let position):
                refused.insert(ids[position])
            case .failed:
                break combining
            }
        }
        let databases = admitted.indices.map { index -> OpaquePointer? in
            guard let expression = admitted[index] else { return nil }
            var database: OpaquePointer?
            var error: UnsafeMutablePointer<hs_compile_error_t>?
            let status = hs_compile(expression.source, expression.flags, UInt32(HS_MODE_BLOCK), nil, &database, &error)
            if let error { hs_free_compile_error(error) }
            if status != HS_SUCCESS { refused.insert(index) }
            return status == HS_SUCCESS ? database : nil
        }
        guard databases.contains(where: { $0 != nil }) else { return nil }
        return VectorscanDatabase(expressions: expressions, databases: databases, isCombined: false, refused: refused, origin: "compiled")
    }

    private enum CombinedCompile {
        case compiled(OpaquePointer)
        /// The compile refused the expression at this position of those given.
        case refused(Int)
        /// A failure not pinned on one expression.
        case failed
    }

    /// One block-mode database of `expressions`, reported with `ids`.
    private static func compileOne(_ expressions: [Expression], ids: [Int]) -> CombinedCompile {
        var sources = expressions.map { strdup($0.source) }
        defer { for source in sources { free(source) } }
        let flags = expressions.map(\.flags)
        let idNumbers = ids.map { UInt32($0) }
        var database: OpaquePointer?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        let status = sources.withUnsafeMutableBufferPointer { sourcePointers in
            sourcePointers.withMemoryRebound(to: UnsafePointer<CChar>?.self) { pointers in
                hs_compile_multi(pointers.baseAddress, flags, idNumbers, UInt32(ids.count), UInt32(HS_MODE_BLOCK), nil, &database, &error)
            }
        }
        let position = error.map { Int($0.pointee.expression) } ?? -1
        if let error { hs_free_compile_error(error) }
        if status == HS_SUCCESS, let database { return .compiled(database) }
        return expressions.indices.contains(position) ? .refused(position) : .failed
    }

    /// The version of what ``admit(_:flags:)`` does with the rewrites' output (the order it tries them in,
    /// the flags it adds, what it refuses) and of the key's own layout: part of ``cacheKey(_:combined:)``.
    /// Raise it whenever that changes; `RewritePinTests` fails until you do (see ``PrefilterByteSyntax/version``).
    static let admissionVersion = 3

    /// The cache key of a database of `expressions` on this machine: the expressions, the library
    /// version, the CPU the database is tuned for, the versions of the rewrites and of the admission, and
    /// the PCRE2 version (the byte-mode rewrite asks PCRE2 which ASCII characters each piece matches, so
    /// another PCRE2 could rewrite the same expression differently).
    ///
    /// The key holds the expressions as the rules give them, not as they are compiled: the rewrites run in
    /// ``admit(_:flags:)`` when the database is built, and cost milliseconds per pattern, too much for every
    /// start-up just to make a key. So a rule whose pattern or flags change gets a new key (its source is in
    /// it), but a change of a rewrite's output is seen only through ``PrefilterSyntax/version``,
    /// ``PrefilterByteSyntax/version`` and ``admissionVersion``: one changed without its version raised
    /// would let every user keep a database compiled by the old rewrite. `RewritePinTests` pins digests of
    /// what this compile makes of each built-in expression at the current versions
    /// (`Tests/Snapshots/prefilter-rewrites.pin`) and fails when one changes while they stay. User rule files
    /// go through the very same code (``admit(_:flags:)``), so a rewrite change the built-in packs see is
    /// caught for them too; one that only patterns outside the packs reach is not (the pin covers the
    /// constructs the packs use).
    static func cacheKey(_ expressions: [Expression], combined: Bool) -> String {
        var platform = hs_platform_info_t()
        hs_populate_platform(&platform)
        var key = "scrapelint-vectorscan \(admissionVersion)\nlibrary \(libraryVersion)\ncpu \(platform.tune) \(platform.cpu_features)\nsyntax \(PrefilterSyntax.version) bytes \(PrefilterByteSyntax.version)\npcre2 \(Pattern.libraryVersion)\n"
        key += combined ? "one database\n" : "a database per expression\n"
        for expression in expressions { key += "\(expression.flags) \(expression.source.utf8.count) \(expression.source)\n" }
        return key
    }

    /// The databases of `expressions`: read from `cacheFolder` when databases of exactly these expressions
    /// for this library and CPU are there, else compiled and written there (atomically). A cache that
    /// cannot be read or written only costs the compile.
    static func load(_ expressions: [Expression], cacheFolder: String?, combined: Bool = VectorscanLibrary.isProvenExact) -> VectorscanDatabase? {
        if let cacheFolder, let cached = loadCached(expressions, cacheFolder: cacheFolder, combined: combined) { return cached }
        guard let compiled = compile(expressions, combined: combined) else { return nil }
        guard let cacheFolder else {
            compiled.origin = "compiled (not cached: no cache folder; set SCRAPELINT_CACHE_DIR)"
            return compiled
        }
        let key = cacheKey(expressions, combined: compiled.isCombined)
        if let reason = write(compiled, key: key, to: cacheFile(key, in: cacheFolder), folder: cacheFolder) {
            compiled.origin = "compiled (not cached: \(reason))"
        } else {
            compiled.origin = "compiled, cached in \(cacheFolder)"
        }
        let problems = prune(cacheFolder)
        if !problems.isEmpty { compiled.origin += "; cannot prune the cache: " + problems.joined(separator: "; ") }
        return compiled
    }

    /// The cached databases of exactly `expressions` for this library and CPU in `cacheFolder`, if there.
    static func loadCached(_ expressions: [Expression], cacheFolder: String, combined: Bool = VectorscanLibrary.isProvenExact) -> VectorscanDatabase? {
        let key = cacheKey(expressions, combined: combined)
        let file = cacheFile(key, in: cacheFolder)
        // Read once into the bytes decoded (not a Data then a copy of it: the file is tens of MB, issue 13 item 6).
        guard let bytes = try? FileAccess.read(file) else { return nil }
        guard let database = decode(bytes, key: key, expressions: expressions) else { return nil }
        // Marks it as in use, so that ``prune(_:keeping:now:)`` keeps it (a failure only makes it look older).
        _ = utimensat(AT_FDCWD, file, nil, 0)
        // A run killed while writing a database may have left its temporary file (tens of MB) after a run
        // that wrote this one: once stale it goes now, not only at the next write, which may never come.
        let problems = CacheFile.removeStaleTemporaries(in: cacheFolder, of: isDatabaseName, now: Int(time(nil))).problems
        if !problems.isEmpty { database.origin += "; cannot prune the cache: " + problems.joined(separator: "; ") }
        return database
    }

    /// Cached databases kept in a cache folder: each is tens of MB and a changed rule set makes a new one.
    static let cachedDatabasesKept = 4

    /// Removes the cached databases of `folder` (our own regular `prefilter-*.hsdb` files of the user's) but
    /// the `keeping` most recently written or used, and the temporary files of such names a killed run left
    /// (``CacheFile/removeStaleTemporaries(in:of:now:)``); nothing else in the folder is touched. Returns the
    /// problems met (a file that cannot be removed, a folder that cannot be listed).
    @discardableResult
    static func prune(_ folder: String, keeping: Int = cachedDatabasesKept, now: Int = Int(time(nil))) -> [String] {
        var problems: [String] = []
        var found: [(path: String, modified: timespec)] = []
        for name in CacheFile.names(in: folder, problems: &problems) where isDatabaseName(Substring(name)) {
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == getuid() else { continue }
            found.append((path, info.st_mtim))
        }
        found.sort { ($0.modified.tv_sec, $0.modified.tv_nsec) > ($1.modified.tv_sec, $1.modified.tv_nsec) }
        for old in found.dropFirst(keeping) where unlink(old.path) != 0 && errno != ENOENT {
            problems.append("cannot remove \(old.path): \(FileAccess.reason())")
        }
        problems += CacheFile.removeStaleTemporaries(in: folder, of: isDatabaseName, now: now).problems
        return problems
    }

    /// Whether `name` is the name of a cached database: `prefilter-*.hsdb`.
    static func isDatabaseName(_ name: Substring) -> Bool { name.hasPrefix("prefilter-") && name.hasSuffix(".hsdb") }

    private static func cacheFile(_ key: String, in folder: String) -> String {
        (folder as NSString).appendingPathComponent("prefilter-\(fnv1a(key)).hsdb")
    }

    /// File layout: the key's length (8 bytes, little endian) and the key; the number of databases (8
    /// bytes); one byte per expression (1 when refused); then per database the length of its serialized
    /// form (8 bytes; 0 for none) and that form.
    private static func write(_ database: VectorscanDatabase, key: String, to file: String, folder: String) -> String? {
        var data = Data()
        func appendLength(_ value: Int) { withUnsafeBytes(of: UInt64(value).littleEndian) { data.append(contentsOf: $0) } }
        let keyBytes = Array(key.utf8)
        appendLength(keyBytes.count)
        data.append(contentsOf: keyBytes)
        appendLength(database.databases.count)
        data.append(contentsOf: database.expressions.indices.map { database.refused.contains($0) ? 1 : 0 })
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
        } catch {
            return "\(error.localizedDescription)"
        }
        // Our own temporary name (Foundation's atomic write uses `.dat.nosync*`, which a later run could
        // not tell from another program's file): ``prune(_:keeping:now:)`` removes what a killed run left.
        return data.withUnsafeBytes { CacheFile.write($0, to: file) }
    }

    private static func decode(_ bytes: [UInt8], key: String, expressions: [Expression]) -> VectorscanDatabase? {
        var cursor = 0
        func readLength() -> Int? {
            guard cursor + 8 <= bytes.count else { return nil }
            let value = bytes[cursor..<(cursor + 8)].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
            cursor += 8
            return value <= UInt64(bytes.count - cursor) ? Int(value) : nil
        }
        guard let keyLength = readLength(), bytes[cursor..<(cursor + keyLength)].elementsEqual(key.utf8) else { return nil }
        cursor += keyLength
        guard let count = readLength(), count <= expressions.count, cursor + expressions.count <= bytes.count else { return nil }
        let refused = Set(expressions.indices.filter { bytes[cursor + $0] != 0 })
        cursor += expressions.count
        var databases: [OpaquePointer?] = []
        for _ in 0..<count {
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
        let combined = key.contains("\none database\n")
        guard databases.count == count, cursor == bytes.count, combined ? count == 1 && databases[0] != nil : count == expressions.count else {
            for database in databases { if let database { hs_free_database(database) } }
            return nil
        }
        return VectorscanDatabase(expressions: expressions, databases: databases, isCombined: combined, refused: refused, origin: "cache")
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

    /// Calls `body(id, end)` for every match end Vectorscan reports in `subject`: in one pass with a
    /// combined database (ends ascending), else expression by expression (ends ascending within one);
    /// `body` returns false to stop the scan (of that expression, without a combined database).
    func scan(_ subject: UnsafeBufferPointer<UInt8>, scratch: VectorscanScratch, _ body: (UInt32, Int) -> Bool) {
        guard let base = subject.baseAddress, subject.count > 0 else { return }
        withoutActuallyEscaping(body) { handler in
            for (index, database) in databases.enumerated() {
                guard let database else { continue }
                // With a combined database the id Vectorscan reports is the expression's; else it is this one.
                var context = (id: isCombined ? UInt32.max : UInt32(index), handler: handler)
                withUnsafeMutablePointer(to: &context) { pointer in
                    _ = hs_scan(database, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), UInt32(subject.count), 0,
                                scratch.scratch, { id, _, to, _, context in
                                    let context = context!.assumingMemoryBound(to: (id: UInt32, handler: (UInt32, Int) -> Bool).self).pointee
                                    return context.handler(context.id == UInt32.max ? id : context.id, Int(to)) ? 0 : 1
                                }, pointer)
                }
            }
        }
    }
}
#endif
