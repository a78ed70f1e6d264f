import CZlib
import CZstd

/// Writes gzip or zstd through a ``CheckedWriter`` (a file, or standard output). ``flush()`` ends a block
/// that a reader can decompress (gzip's sync flush, zstd's flush), so that ``written`` counts the
/// uncompressed bytes that really reached the system; ``close()`` ends the stream. Every write is checked.
public final class CompressingWriter {
    public enum Format: String, CaseIterable, Sendable {
        case gzip, zstd

        /// The format a file name asks for: `.gz` (`.gzip`) or `.zst` (`.zstd`); nil for any other.
        public init?(fileName: String) {
            let lower = fileName.lowercased()
            if lower.hasSuffix(".gz") || lower.hasSuffix(".gzip") { self = .gzip }
            else if lower.hasSuffix(".zst") || lower.hasSuffix(".zstd") { self = .zstd }
            else { return nil }
        }
    }

    public let format: Format
    private let output: CheckedWriter
    /// Whether ``close()`` closes `output` too (not standard output, closed at the very end).
    private let closesOutput: Bool
    private var zlib: UnsafeMutablePointer<z_stream>?
    private var zstd: OpaquePointer?
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)
    private var closed = false
    /// Uncompressed bytes accepted.
    public private(set) var queued = 0
    /// Uncompressed bytes whose compressed form the system accepted at the last flush.
    public private(set) var written = 0
    public var failure: ScrapeLintError? { output.failure ?? ownFailure }
    private var ownFailure: ScrapeLintError?

    public init(_ format: Format, to output: CheckedWriter, closesOutput: Bool, level: Int32? = nil) throws(ScrapeLintError) {
        self.format = format
        self.output = output
        self.closesOutput = closesOutput
        switch format {
        case .gzip:
            let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            stream.initialize(to: z_stream())
            guard scrapelint_deflate_init_gzip(stream, level ?? 6) == Z_OK else {
                stream.deallocate()
                throw .io(path: output.name, message: "cannot start gzip compression")
            }
            zlib = stream
        case .zstd:
            guard let stream = ZSTD_createCStream() else { throw .io(path: output.name, message: "cannot start zstd compression") }
            ZSTD_initCStream(stream, level ?? 3)
            zstd = stream
        }
    }

    deinit {
        if let zlib {
            deflateEnd(zlib)
            zlib.deinitialize(count: 1)
            zlib.deallocate()
        }
        if let zstd { ZSTD_freeCStream(zstd) }
    }

    public func write(_ bytes: some Collection<UInt8>) throws(ScrapeLintError) {
        if let failure { throw failure }
        let array = bytes as? [UInt8] ?? Array(bytes)
        let outcome = array.withUnsafeBytes { raw in Result { () throws(ScrapeLintError) in try compress(raw, mode: .none) } }
        try outcome.get()
        queued += array.count
    }

    /// Ends a decompressible block and writes it out.
    public func flush() throws(ScrapeLintError) {
        if let failure { throw failure }
        try compress(UnsafeRawBufferPointer(start: nil, count: 0), mode: .flush)
        try output.flush()
        written = queued
    }

    /// Ends the stream, writes it out and closes the output when owned.
    public func close() throws(ScrapeLintError) {
        guard !closed else {
            if let failure { throw failure }
            return
        }
        closed = true
        if failure == nil {
            do throws(ScrapeLintError) {
                try compress(UnsafeRawBufferPointer(start: nil, count: 0), mode: .end)
                if closesOutput { try output.close() } else { try output.flush() }
                written = queued
                return
            } catch {}
        }
        if closesOutput { try? output.close() }
        if let failure { throw failure }
    }

    private enum Mode { case none, flush, end }

    private func compress(_ raw: UnsafeRawBufferPointer, mode: Mode) throws(ScrapeLintError) {
        switch format {
        case .gzip:
            let stream = zlib!
            stream.pointee.next_in = UnsafeMutablePointer(mutating: raw.baseAddress?.assumingMemoryBound(to: UInt8.self))
            stream.pointee.avail_in = UInt32(raw.count)
            let flush = mode == .none ? Z_NO_FLUSH : mode == .flush ? Z_SYNC_FLUSH : Z_FINISH
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { out in
                    stream.pointee.next_out = out.baseAddress
                    stream.pointee.avail_out = UInt32(out.count)
                    let status = deflate(stream, flush)
                    return (status, out.count - Int(stream.pointee.avail_out))
                }
                if status == Z_STREAM_ERROR { return try fail("gzip compression failed") }
                if produced > 0 { try output.write(chunk[0..<produced]) }
                // Done when all input is taken and deflate had room to spare (or the stream ended).
                if status == Z_STREAM_END { return }
                if stream.pointee.avail_in == 0 && produced < chunk.count && mode != .end { return }
            }
        case .zstd:
            let stream = zstd!
            var inBuffer = ZSTD_inBuffer(src: raw.baseAddress, size: raw.count, pos: 0)
            let directive = mode == .none ? ZSTD_e_continue : mode == .flush ? ZSTD_e_flush : ZSTD_e_end
            while true {
                let (remaining, produced) = chunk.withUnsafeMutableBufferPointer { out in
                    var outBuffer = ZSTD_outBuffer(dst: out.baseAddress, size: out.count, pos: 0)
                    let remaining = ZSTD_compressStream2(stream, &outBuffer, &inBuffer, directive)
                    return (remaining, outBuffer.pos)
                }
                if ZSTD_isError(remaining) != 0 { return try fail("zstd compression failed: \(String(cString: ZSTD_getErrorName(remaining)))") }
                if produced > 0 { try output.write(chunk[0..<produced]) }
                if mode == .none ? inBuffer.pos == inBuffer.size : remaining == 0 { return }
            }
        }
    }

    private func fail(_ message: String) throws(ScrapeLintError) {
        let error = ScrapeLintError.io(path: output.name, message: message)
        ownFailure = error
        throw error
    }
}
