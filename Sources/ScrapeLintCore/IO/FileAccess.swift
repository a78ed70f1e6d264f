#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading inputs as bytes and replacing files atomically, with POSIX calls so that every failure carries
/// the system's reason.
public enum FileAccess {
    /// The whole content of the file at `path`, or of standard input for `-`.
    public static func read(_ path: String) throws(ScrapeLintError) -> [UInt8] {
        if path == "-" { return try readAll(fd: 0, path: "<stdin>") }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, message: reason()) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw .io(path: path, message: "is a directory")
        }
        return try readAll(fd: fd, path: path, sizeHint: Int(info.st_size))
    }

    private static func readAll(fd: Int32, path: String, sizeHint: Int = 0) throws(ScrapeLintError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(sizeHint + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, message: reason())
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// Replaces the file at `path` with `bytes` atomically: a temporary file in the same folder, written
    /// and flushed, given the original's permissions, then renamed over the original. A symbolic link is
    /// followed: its target is replaced and the link kept. On any failure the original is untouched and the
    /// temporary file removed.
    public static func replaceAtomically(_ path: String, with bytes: [UInt8]) throws(ScrapeLintError) {
        let target = resolvedPath(path)
        var info = stat()
        guard stat(target, &info) == 0 else { throw .io(path: path, message: reason()) }
        let folder = target.lastIndex(of: "/").map { String(target[..<$0]) } ?? "."
        let name = target.lastIndex(of: "/").map { String(target[target.index(after: $0)...]) } ?? target
        var template = Array("\(folder.isEmpty ? "/" : folder)/.\(name).scrapelint-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw .io(path: path, message: "cannot create a temporary file next to it: \(reason())") }
        let temporary = String(cString: template)
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = "cannot write: \(reason())"
                    return
                }
                offset += written
            }
        }
        if failure == nil, fchmod(fd, info.st_mode & 0o7777) != 0 { failure = "cannot set permissions: \(reason())" }
        if failure == nil, fsync(fd) != 0 { failure = "cannot flush: \(reason())" }
        if close(fd) != 0, failure == nil { failure = "cannot close: \(reason())" }
        if failure == nil, rename(temporary, target) != 0 { failure = "cannot replace the file: \(reason())" }
        if let failure {
            unlink(temporary)
            throw .io(path: path, message: failure)
        }
    }

    /// The final target of `path` when it is a symbolic link, else `path`.
    static func resolvedPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func reason() -> String { String(cString: strerror(errno)) }
}
