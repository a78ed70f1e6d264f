import CZlib
import CZstd
#if canImport(Glibc)
import Glibc
#endif

/// One input read in chunks, decompressed on the fly when it is gzip or zstd: the format is told by the
/// first bytes (gzip `1f 8b`, zstd `28 b5 2f fd`), not by the name, so that standard input and misnamed
/// files work too. Concatenated gzip members and zstd frames are read one after the other, as `zcat` does.
/// Corrupt or truncated data is an error naming the input and the byte offset in the compressed file.
final class DecodedInput {
    enum Format: String { case plain, gzip, zstd }

    let path: String
    let fd: Int32
    private(set) var format: Format = .plain
    private var input: [UInt8]
    private var inputStart = 0, inputEnd = 0
    /// Bytes of the file before `input[0]`.
    private var inputOffset = 0
    private var endOfFile = false
    private var finished = false
    private var zlib: UnsafeMutablePointer<z_stream>?
    private var zstd: OpaquePointer?
    /// Whether the zstd frame under way is complete (at the end of the file it must be).
    private var frameComplete = true

    /// Reads the first bytes of `fd` to tell its format.
    init(fd: Int32, path: String, chunk: Int = 1 << 16) throws(ScrapeLintError) {
        self.fd = fd
        self.path = path
        input = [UInt8](repeating: 0, count: chunk)
        while inputEnd < 4, !endOfFile { try fill() }
        let head = input[0..<min(4, inputEnd)]
        if head.starts(with: [0x1F, 0x8B]) {
            format = .gzip
            let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            stream.initialize(to: z_stream())
            guard scrapelint_inflate_init(stream) == Z_OK else {
                stream.deallocate()
                throw .io(path: path, message: "cannot start gzip decompression")
            }
            zlib = stream
        } else if head.elementsEqual([0x28, 0xB5, 0x2F, 0xFD]) {
            format = .zstd
            guard let stream = ZSTD_createDStream() else { throw .io(path: path, message: "cannot start zstd decompression") }
            ZSTD_initDStream(stream)
            zstd = stream
        }
    }

    deinit {
        if let zlib {
            inflateEnd(zlib)
            zlib.deinitialize(count: 1)
            zlib.deallocate()
        }
        if let zstd { ZSTD_freeDStream(zstd) }
    }

    /// Reads more of the file after what is buffered (moving the unread rest to the front).
    private func fill() throws(ScrapeLintError) {
        if inputStart > 0 {
            let rest = inputEnd - inputStart
            if rest > 0 { input.withUnsafeMutableBufferPointer { buffer in
                _ = memmove(buffer.baseAddress!, buffer.baseAddress! + inputStart, rest)
            } }
            inputOffset += inputStart
            inputStart = 0
            inputEnd = rest
        }
        while true {
            let count = input.withUnsafeMutableBytes { raw in Glibc.read(fd, raw.baseAddress! + inputEnd, raw.count - inputEnd) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, message: String(cString: strerror(errno)))
            }
            if count == 0 { endOfFile = true }
            inputEnd += count
            return
        }
    }

    /// The most compressed bytes given to the decoder at once: what was decoded before damage is handed
    /// out, and the damage is placed within this many bytes.
    static let slice = 1 << 14

    /// Where the decoder is in the compressed file.
    private var offset: Int { inputOffset + inputStart }

    private func corrupt(_ what: String) -> ScrapeLintError {
        .io(path: path, message: "corrupt \(format.rawValue) data at byte \(offset) of the compressed file (\(what))")
    }

    private func truncated() -> ScrapeLintError {
        .io(path: path, message: "truncated \(format.rawValue) data: the file ends at byte \(offset) in the middle of a compressed stream")
    }

    /// An error met after some bytes were decompressed into the caller's buffer: those bytes are returned
    /// first, the error on the next read.
    private var pendingError: ScrapeLintError?
    /// Bytes decompressed into the caller's buffer by the call under way (kept when an error follows).
    private var produced = 0

    /// Reads decompressed bytes into `buffer`; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ScrapeLintError) -> Int {
        if let pendingError {
            self.pendingError = nil
            finished = true
            throw pendingError
        }
        guard !finished, buffer.count > 0 else { return 0 }
        produced = 0
        do {
            switch format {
            case .plain: return try readPlain(into: buffer)
            case .gzip: return try readGzip(into: buffer)
            case .zstd: return try readZstd(into: buffer)
            }
        } catch {
            guard produced > 0 else {
                finished = true
                throw error
            }
            pendingError = error
            return produced
        }
    }

    private func readPlain(into buffer: UnsafeMutableRawBufferPointer) throws(ScrapeLintError) -> Int {
        if inputStart == inputEnd {
            if endOfFile { finished = true; return 0 }
            inputStart = 0
            inputEnd = 0
            inputOffset = 0
            while true {
                let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw .io(path: path, message: String(cString: strerror(errno)))
                }
                if count == 0 { endOfFile = true; finished = true }
                return count
            }
        }
        let count = min(buffer.count, inputEnd - inputStart)
        input.withUnsafeBytes { raw in buffer.baseAddress!.copyMemory(from: raw.baseAddress! + inputStart, byteCount: count) }
        inputStart += count
        return count
    }

    private func readGzip(into buffer: UnsafeMutableRawBufferPointer) throws(ScrapeLintError) -> Int {
        let stream = zlib!
        while true {
            // With no input left, inflate is still called: it may hold output that did not fit last time.
            if inputStart == inputEnd && !endOfFile { try fill() }
            let (status, consumed, produced) = input.withUnsafeMutableBufferPointer { source in
                stream.pointee.next_in = source.baseAddress! + inputStart
                stream.pointee.avail_in = UInt32(min(inputEnd - inputStart, DecodedInput.slice))
                stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
                stream.pointee.avail_out = UInt32(buffer.count)
                let status = inflate(stream, Z_NO_FLUSH)
                return (status, min(inputEnd - inputStart, DecodedInput.slice) - Int(stream.pointee.avail_in), buffer.count - Int(stream.pointee.avail_out))
            }
            inputStart += consumed
            self.produced = produced
            switch status {
            case Z_OK, Z_BUF_ERROR:
                if produced > 0 { return produced }
                if consumed == 0 && inputStart == inputEnd && endOfFile { throw truncated() }
            case Z_STREAM_END:
                // Another member may follow (concatenated gzip files), or the file ends.
                while inputStart == inputEnd && !endOfFile { try fill() }
                if inputStart == inputEnd {
                    finished = true
                } else if input[inputStart] == 0x1F {
                    inflateReset(stream)
                } else {
                    throw corrupt("data after the end of the gzip stream")
                }
                if produced > 0 || finished { return produced }
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw corrupt(message)
            }
        }
    }

    private func readZstd(into buffer: UnsafeMutableRawBufferPointer) throws(ScrapeLintError) -> Int {
        let stream = zstd!
        while true {
            // With no input left, the decoder is still called: it may hold output that did not fit last time.
            if inputStart == inputEnd && !endOfFile { try fill() }
            let (hint, consumed, produced) = input.withUnsafeBufferPointer { source in
                var inBuffer = ZSTD_inBuffer(src: source.baseAddress! + inputStart, size: min(inputEnd - inputStart, DecodedInput.slice), pos: 0)
                var outBuffer = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
                let hint = ZSTD_decompressStream(stream, &outBuffer, &inBuffer)
                return (hint, inBuffer.pos, outBuffer.pos)
            }
            self.produced = produced
            if ZSTD_isError(hint) != 0 { throw corrupt(String(cString: ZSTD_getErrorName(hint))) }
            inputStart += consumed
            if consumed > 0 || produced > 0 { frameComplete = hint == 0 }
            if produced > 0 { return produced }
            if inputStart == inputEnd && endOfFile {
                guard frameComplete else { throw truncated() }
                finished = true
                return 0
            }
        }
    }
}
