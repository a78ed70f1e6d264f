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
        try readStamped(path).bytes
    }

    /// What identifies one version of a file: where it lives and when and how big it was last written.
    /// Fixing compares it just before replacing the file, so that a file changed meanwhile is not lost.
    public struct Stamp: Equatable, Sendable {
        let device: UInt64
        let inode: UInt64
        let size: Int64
        let modified: Int64
        let modifiedNanoseconds: Int64
        let changed: Int64
        let changedNanoseconds: Int64

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            modified = Int64(info.st_mtim.tv_sec)
            modifiedNanoseconds = Int64(info.st_mtim.tv_nsec)
            changed = Int64(info.st_ctim.tv_sec)
            changedNanoseconds = Int64(info.st_ctim.tv_nsec)
        }
    }

    /// The content of `path` (or standard input for `-`, with no stamp) and the stamp of the file read.
    /// Throws when the file changed while it was being read.
    public static func readStamped(_ path: String) throws(ScrapeLintError) -> (bytes: [UInt8], stamp: Stamp?) {
        if path == "-" { return (try readAll(fd: 0, path: "<stdin>"), nil) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, message: reason()) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(path: path, message: reason()) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw .io(path: path, message: "is a directory")
        }
        let bytes = try readAll(fd: fd, path: path, sizeHint: Int(info.st_size))
        var after = stat()
        let isRegular = (info.st_mode & S_IFMT) == S_IFREG
        guard isRegular else { return (bytes, nil) }
        guard fstat(fd, &after) == 0, Stamp(after) == Stamp(info), bytes.count == Int(info.st_size) else {
            throw .io(path: path, message: "changed while it was being read; skipped")
        }
        return (bytes, Stamp(info))
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
    /// followed: its target is replaced and the link kept. Owner (where allowed) and permissions are kept. A
    /// file without write permission is refused.
    /// When `stamp` is given and the file no longer has it (it changed since it was read), the file is
    /// left as it is and an error thrown. On any failure the original is untouched and the temporary file
    /// removed; the temporary file is unnamed until just before the rename where the system allows
    /// (`O_TMPFILE`), so that even a killed process leaves nothing behind.
    public static func replaceAtomically(_ path: String, with bytes: [UInt8], ifUnchangedSince stamp: Stamp? = nil) throws(ScrapeLintError) {
        let target = resolvedPath(path)
        var info = stat()
        guard stat(target, &info) == 0 else { throw .io(path: path, message: reason()) }
        if access(target, W_OK) != 0 || info.st_mode & 0o222 == 0 {
            throw .io(path: path, message: "is read-only; not fixed")
        }
        let folder = target.lastIndex(of: "/").map { String(target[..<$0]) } ?? "."
        let name = target.lastIndex(of: "/").map { String(target[target.index(after: $0)...]) } ?? target
        let folderPath = folder.isEmpty ? "/" : folder
        var template = Array("\(folderPath)/.\(name).scrapelint-XXXXXX".utf8CString)
        var unnamed = true
        var fd = open(folderPath, __O_TMPFILE | O_DIRECTORY | O_WRONLY | O_CLOEXEC, 0o600)
        if fd < 0 {
            unnamed = false
            fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        }
        guard fd >= 0 else { throw .io(path: path, message: "cannot create a temporary file next to it: \(reason())") }
        var temporary: String? = unnamed ? nil : String(cString: template)
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
        // Keep the owner where we may (running as root over other users' files); elsewhere it stays ours.
        _ = fchown(fd, info.st_uid, info.st_gid)
        if failure == nil, fchmod(fd, info.st_mode & 0o7777) != 0 { failure = "cannot set permissions: \(reason())" }
        if failure == nil, fsync(fd) != 0 { failure = "cannot flush: \(reason())" }
        if failure == nil, unnamed {
            // Give the unnamed file a name, as late as possible.
            for _ in 0..<100 {
                let candidate = "\(folderPath)/.\(name).scrapelint-\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
                if linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, candidate, AT_SYMLINK_FOLLOW) == 0 {
                    temporary = candidate
                    break
                }
                if errno != EEXIST { break }
            }
            if temporary == nil { failure = "cannot name the temporary file: \(reason())" }
        }
        if close(fd) != 0, failure == nil { failure = "cannot close: \(reason())" }
        if failure == nil, let stamp {
            var now = stat()
            if stat(target, &now) != 0 || Stamp(now) != stamp {
                failure = "changed while it was being fixed; left as it is"
            }
        }
        if failure == nil, let temporary, rename(temporary, target) != 0 { failure = "cannot replace the file: \(reason())" }
        if let failure {
            if let temporary { unlink(temporary) }
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
