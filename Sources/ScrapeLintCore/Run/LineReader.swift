import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads files or standard input (one after the other, in the order given) in large chunks and hands out
/// whole lines in batches, so that memory stays bounded by the batch size plus the longest line, whatever
/// the input size. Every input is opened before the first line is read, so that a missing one is an error
/// before any output. Line numbers count from 1 in each input; the last line of an input that is followed by
/// another and has no line break gets `\n`, so that records of two inputs never run together.
public struct LineReader {
    /// One line: its content (without terminator) and its terminator (`\n`, `\r\n`, or empty at the end).
    public struct Line: Sendable {
        public let content: ArraySlice<UInt8>
        public let terminator: ArraySlice<UInt8>
        /// 1-based line number in its input.
        public let number: Int
        /// Index of its input in ``LineReader/paths``.
        public var source = 0
    }

    public let paths: [String]
    private var fds: [Int32] = []
    private var current = 0
    /// The bytes read and not handed out yet are `pending[0..<filled]`; the rest is room for the next read.
    private var pending: [UInt8] = []
    private var filled = 0
    private var finished = false
    private var nextNumber = 1
    /// The input being read, decompressed when it is gzip or zstd (made when its first batch is asked for).
    private var decoder: DecodedInput?
    /// A read error met after some whole lines: those lines are handed out first, the error next.
    private var deferredError: ScrapeLintError?
    /// Bytes read per batch (the batch holds at least one whole line).
    public let batchBytes: Int

    public init(path: String, batchBytes: Int = 4 << 20) throws(ScrapeLintError) {
        try self.init(paths: [path], batchBytes: batchBytes)
    }

    public init(paths: [String], batchBytes: Int = 4 << 20) throws(ScrapeLintError) {
        self.paths = paths
        self.batchBytes = batchBytes
        for path in paths {
            do { fds.append(try LineReader.open(path)) } catch {
                for fd in fds where fd != 0 { _ = Glibc.close(fd) }
                throw error
            }
        }
    }

    private static func open(_ path: String) throws(ScrapeLintError) -> Int32 {
        if path == "-" { return 0 }
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, message: String(cString: strerror(errno))) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            _ = Glibc.close(fd)
            throw .io(path: path, message: "is a directory")
        }
        return fd
    }

    public func close() { for fd in fds where fd != 0 { _ = Glibc.close(fd) } }

    /// The total size of the inputs when they are all regular files and none is compressed (the progress
    /// display counts the bytes of the text).
    public var size: Int? {
        var total = 0
        for fd in fds {
            var info = stat()
            guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            var magic: (UInt8, UInt8) = (0, 0)
            if pread(fd, &magic, 2, 0) == 2, magic == (0x1F, 0x8B) || magic == (0x28, 0xB5) { return nil }
            total += Int(info.st_size)
        }
        return total
    }

    /// The index in ``paths`` of the input being read.
    public var currentInput: Int { current }

    /// Gives up the input being read (after a read error): the next batch comes from the next input.
    public mutating func skipInput() {
        guard current < fds.count else { return }
        pending = []
        filled = 0
        deferredError = nil
        decoder = nil
        current += 1
        finished = false
        nextNumber = 1
    }

    /// The next batch of whole lines (all of one input), or nil at the end of the last input. A read error
    /// names the input; ``skipInput()`` then goes on with the next one.
    public mutating func nextBatch() throws(ScrapeLintError) -> [Line]? {
        while current < fds.count {
            if let batch = try nextBatchOfCurrent() { return batch }
            current += 1
            decoder = nil
            finished = false
            nextNumber = 1
        }
        return nil
    }

    private mutating func nextBatchOfCurrent() throws(ScrapeLintError) -> [Line]? {
        if let error = deferredError {
            deferredError = nil
            throw error
        }
        let path = paths[current]
        if decoder == nil { decoder = try DecodedInput(fd: fds[current], path: path) }
        let input = decoder!
        while !finished {
            if filled >= batchBytes, let cut = lastNewline() { return takeLines(upTo: cut + 1) }
            // Read straight into the batch's own buffer, after the bytes it holds (no chunk in between,
            // no copy of the batch): grown by a batch when full.
            if pending.count == filled { grow(to: filled + batchBytes) }
            let start = filled, want = pending.count - filled
            let read = pending.withUnsafeMutableBytes { raw in
                Result { () throws(ScrapeLintError) in
                    try input.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[start..<(start + want)]))
                }
            }
            let count: Int
            do { count = try read.get() } catch {
                // The whole lines before the error are handed out; the error names where the rest was lost.
                let error = Self.located(error, line: nextNumber + pending[0..<filled].count { $0 == 0x0A })
                guard let cut = lastNewline() else { throw error }
                deferredError = error
                finished = true
                return takeLines(upTo: cut + 1)
            }
            if count == 0 { finished = true; break }
            filled += count
            if filled >= batchBytes, let cut = lastNewline() { return takeLines(upTo: cut + 1) }
        }
        guard filled > 0 else { return nil }
        if current + 1 < fds.count && pending[filled - 1] != 0x0A {
            if pending.count == filled { grow(to: filled + 1) }
            pending[filled] = 0x0A
            filled += 1
        }
        return takeLines(upTo: filled)
    }

    /// Makes `pending` hold `size` bytes, its first `filled` kept.
    private mutating func grow(to size: Int) {
        var bigger = [UInt8](repeating: 0, count: size)
        let count = filled
        bigger.withUnsafeMutableBufferPointer { target in
            pending.withUnsafeBufferPointer { source in
                if count > 0 { target.baseAddress!.update(from: source.baseAddress!, count: count) }
            }
        }
        pending = bigger
    }

    /// The offset of the last LF among the bytes read and not handed out.
    private func lastNewline() -> Int? {
        guard filled > 0 else { return nil }
        return pending.withUnsafeBufferPointer { buffer in
            var index = filled - 1
            while index >= 0, buffer[index] != 0x0A { index -= 1 }
            return index >= 0 ? index : nil
        }
    }

    /// `error` saying from which line on the input was not read.
    private static func located(_ error: ScrapeLintError, line: Int) -> ScrapeLintError {
        guard case .io(let path, let message) = error else { return error }
        return .io(path: path, message: "\(message); line \(line) and after not read")
    }

    /// Hands out the lines of `pending[0..<end]`: the buffer itself becomes the batch's (its lines are
    /// slices of it), and the bytes after `end` (a partial line) move to a new one.
    private mutating func takeLines(upTo end: Int) -> [Line] {
        let buffer = pending
        pending = Array(buffer[end..<filled])
        filled = pending.count
        var lines: [Line] = []
        var start = 0
        buffer.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress!
            while start < end, let found = memchr(base + start, 0x0A, end - start) {
                let index = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                let contentEnd = index > start && base[index - 1] == 0x0D ? index - 1 : index
                lines.append(Line(content: buffer[start..<contentEnd], terminator: buffer[contentEnd...index], number: nextNumber, source: current))
                nextNumber += 1
                start = index + 1
            }
        }
        if start < end {
            lines.append(Line(content: buffer[start..<end], terminator: buffer[end..<end], number: nextNumber, source: current))
            nextNumber += 1
        }
        return lines
    }
}
