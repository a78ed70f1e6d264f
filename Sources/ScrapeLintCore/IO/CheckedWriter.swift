#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered writes to one file descriptor, every one checked: the first failure is kept (with the
/// system's reason), later writes are refused, and ``written`` says how many bytes the system accepted.
/// Standard output, edit logs, reports and statistics files all go through it, so that no write error
/// can pass unseen. Used from one thread.
public final class CheckedWriter {
    /// What is written to, for messages: a path, or `standard output`.
    public let name: String
    private let fd: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private var closed = false
    /// Bytes the system accepted.
    public private(set) var written = 0
    /// The first failure; once set, nothing more is written.
    public private(set) var failure: ScrapeLintError?

    /// How much is buffered before a write.
    public static let bufferSize = 1 << 16

    /// Writes to an open descriptor, which stays open on ``close()`` unless `owned`.
    public init(fd: Int32, name: String, owned: Bool = false) {
        self.fd = fd
        self.name = name
        self.ownsDescriptor = owned
    }

    /// Creates (or truncates) the file at `path` for writing.
    public static func create(_ path: String) throws(ScrapeLintError) -> CheckedWriter {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw .io(path: path, message: "cannot create: \(FileAccess.reason())") }
        return CheckedWriter(fd: fd, name: path, owned: true)
    }

    /// Bytes accepted so far: written or waiting in the buffer.
    public var queued: Int { written + buffer.count }

    /// Buffers `bytes`, writing when the buffer is full. Throws the first failure (now or earlier).
    public func write(_ bytes: some Collection<UInt8>) throws(ScrapeLintError) {
        if let failure { throw failure }
        if bytes.count >= CheckedWriter.bufferSize {
            // A large write (a whole cleaned file) goes out from the caller's bytes: no copy of it is made.
            try flush()
            let direct = bytes.withContiguousStorageIfAvailable { raw in writeAll(UnsafeRawBufferPointer(raw)) }
            if let (count, error) = direct {
                written += count
                if error != 0 { try fail("cannot write", error) }
                return
            }
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= CheckedWriter.bufferSize { try flush() }
    }

    /// Writes what is buffered.
    public func flush() throws(ScrapeLintError) {
        if let failure { throw failure }
        guard !buffer.isEmpty else { return }
        // Written from the buffer itself, then emptied in place (its storage is not shared, so not copied).
        let (count, error) = buffer.withUnsafeBytes { writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
        written += count
        if error != 0 { try fail("cannot write", error) }
    }

    /// Writes all of `raw`, retrying on EINTR; how many bytes the system took, and the error that stopped it (0: none).
    private func writeAll(_ raw: UnsafeRawBufferPointer) -> (Int, Int32) {
        var offset = 0
        while offset < raw.count {
            let count = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                return (offset, errno)
            }
            offset += count
        }
        return (offset, 0)
    }

    /// Writes what is buffered and asks the system to put it on disk (`fsync`). Descriptors that cannot
    /// be synced (a pipe, a terminal) are only flushed.
    public func sync() throws(ScrapeLintError) {
        try flush()
        if fsync(fd) != 0, errno != EINVAL, errno != EROFS, errno != ENOTSUP {
            try fail("cannot flush to disk", errno)
        }
    }

    /// Writes what is buffered and closes the descriptor (when owned): a failure of either is thrown.
    /// Closing twice does nothing.
    public func close() throws(ScrapeLintError) {
        guard !closed else {
            if let failure { throw failure }
            return
        }
        closed = true
        var flushError: ScrapeLintError?
        do { try flush() } catch { flushError = error }
        if ownsDescriptor {
            if Glibc.close(fd) != 0, flushError == nil { try fail("cannot close", errno) }
        }
        if let flushError { throw flushError }
    }

    private func fail(_ what: String, _ error: Int32) throws(ScrapeLintError) {
        let failure = ScrapeLintError.io(path: name, message: "\(what): \(String(cString: strerror(error)))")
        self.failure = failure
        throw failure
    }
}
