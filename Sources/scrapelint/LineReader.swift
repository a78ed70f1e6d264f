import Foundation
import ScrapeLintCore

/// Reads a file or standard input in large chunks and hands out whole lines in batches, so that memory
/// stays bounded by the batch size plus the longest line, whatever the input size.
struct LineReader {
    /// One line: its content (without terminator) and its terminator (`\n`, `\r\n`, or empty at the end).
    struct Line {
        let content: ArraySlice<UInt8>
        let terminator: ArraySlice<UInt8>
        /// 1-based line number in the input.
        let number: Int
    }

    private let fd: Int32
    private let path: String
    private var pending: [UInt8] = []
    private var finished = false
    private var nextNumber = 1
    /// Bytes read per batch (the batch holds at least one whole line).
    let batchBytes: Int

    init(path: String, batchBytes: Int = 4 << 20) throws(ScrapeLintError) {
        self.path = path
        self.batchBytes = batchBytes
        if path == "-" {
            fd = 0
        } else {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw .io(path: path, message: String(cString: strerror(errno))) }
            var info = stat()
            if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                _ = Glibc.close(fd)
                throw .io(path: path, message: "is a directory")
            }
        }
    }

    func close() { if fd != 0 { _ = Glibc.close(fd) } }

    /// The size of the input when it is a regular file.
    var size: Int? {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// The next batch of whole lines, or nil at the end.
    mutating func nextBatch() throws(ScrapeLintError) -> [Line]? {
        while !finished {
            if let cut = pending.lastIndex(of: 0x0A), pending.count >= batchBytes { return takeLines(upTo: cut + 1) }
            var chunk = [UInt8](repeating: 0, count: batchBytes)
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, message: String(cString: strerror(errno)))
            }
            if count == 0 { finished = true; break }
            pending.append(contentsOf: chunk[0..<count])
            if pending.count >= batchBytes, let cut = pending.lastIndex(of: 0x0A) { return takeLines(upTo: cut + 1) }
        }
        guard !pending.isEmpty else { return nil }
        return takeLines(upTo: pending.count)
    }

    private mutating func takeLines(upTo end: Int) -> [Line] {
        let buffer = Array(pending[0..<end])
        pending.removeFirst(end)
        var lines: [Line] = []
        var start = 0
        for index in buffer.indices where buffer[index] == 0x0A {
            let contentEnd = index > start && buffer[index - 1] == 0x0D ? index - 1 : index
            lines.append(Line(content: buffer[start..<contentEnd], terminator: buffer[contentEnd...index], number: nextNumber))
            nextNumber += 1
            start = index + 1
        }
        if start < buffer.count {
            lines.append(Line(content: buffer[start...], terminator: buffer[buffer.count...], number: nextNumber))
            nextNumber += 1
        }
        return lines
    }
}
