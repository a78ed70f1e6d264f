#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CXAttr

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
        var failure: String?
        // A file of known size is read straight into an array of that size plus one byte (which tells a
        // file grown meanwhile): no growth, no copy from a chunk buffer.
        var bytes = [UInt8](unsafeUninitializedCapacity: sizeHint > 0 ? sizeHint + 1 : 0) { buffer, initialized in
            while initialized < buffer.count {
                let count = Glibc.read(fd, buffer.baseAddress! + initialized, buffer.count - initialized)
                if count == 0 { break }
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = reason()
                    break
                }
                initialized += count
            }
        }
        if let failure { throw .io(path: path, message: failure) }
        // Standard input, a file without a size, or one longer than its size said: the rest in chunks.
        if sizeHint > 0 && bytes.count <= sizeHint { return bytes }
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
    /// and flushed, given the original's permissions, owner (where allowed) and extended attributes (ACLs
    /// among them), then renamed over the original, and the folder flushed. A symbolic link is followed:
    /// its target is replaced and the link kept. A file without write permission, and anything that is not
    /// a regular file (a FIFO, a device), is refused.
    /// When `stamp` is given and the file no longer has it (it changed since it was read), the file is
    /// left as it is and an error thrown. On any failure the original is untouched and the temporary file
    /// removed; the temporary file is unnamed until just before the rename where the system allows
    /// (`O_TMPFILE`), and its name carries our process id, so that a later run can remove what a killed
    /// one left (``removeStaleTemporaries(in:)``).
    public static func replaceAtomically(_ path: String, with bytes: [UInt8], ifUnchangedSince stamp: Stamp? = nil) throws(ScrapeLintError) {
        let target = resolvedPath(path)
        var info = stat()
        guard stat(target, &info) == 0 else { throw .io(path: path, message: reason()) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .io(path: path, message: "is not a regular file; not fixed") }
        if access(target, W_OK) != 0 || info.st_mode & 0o222 == 0 {
            throw .io(path: path, message: "is read-only; not fixed")
        }
        try writeReplacing(path, target: target, bytes: bytes, like: info, stamp: stamp)
    }

    /// Writes `bytes` as the whole content of the file at `path` (an output: a report, a rule file), created
    /// when missing, atomically as ``replaceAtomically(_:with:ifUnchangedSince:)`` (a file that exists keeps
    /// its permissions).
    public static func writeAtomically(_ path: String, _ bytes: [UInt8]) throws(ScrapeLintError) {
        let target = resolvedPath(path)
        var info = stat()
        if stat(target, &info) != 0 {
            guard errno == ENOENT else { throw .io(path: path, message: reason()) }
            let mask = umask(0)
            umask(mask)
            info = stat()
            info.st_mode = S_IFREG | (0o666 & ~mask)
            info.st_uid = getuid()
            info.st_gid = getgid()
            return try writeReplacing(path, target: target, bytes: bytes, like: info, stamp: nil, copyAttributes: false)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .io(path: path, message: "is not a regular file") }
        try writeReplacing(path, target: target, bytes: bytes, like: info, stamp: nil)
    }

    /// The prefix of our temporary files' names for the file `name`: `.NAME.scrapelint-`.
    static func temporaryPrefix(_ name: String) -> String { ".\(name).scrapelint-" }

    private static func writeReplacing(_ path: String, target: String, bytes: [UInt8], like info: stat, stamp: Stamp?,
                                       copyAttributes: Bool = true) throws(ScrapeLintError) {
        let folder = target.lastIndex(of: "/").map { String(target[..<$0]) } ?? "."
        let name = target.lastIndex(of: "/").map { String(target[target.index(after: $0)...]) } ?? target
        let folderPath = folder.isEmpty ? "/" : folder
        let prefix = "\(folderPath)/\(temporaryPrefix(name))\(getpid())-"
        var template = Array("\(prefix)XXXXXX".utf8CString)
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
        if failure == nil, copyAttributes { failure = copyExtendedAttributes(from: target, to: fd) }
        if failure == nil, fsync(fd) != 0 { failure = "cannot flush: \(reason())" }
        if failure == nil, unnamed {
            // Give the unnamed file a name, as late as possible.
            for _ in 0..<100 {
                let candidate = prefix + String(UInt32.random(in: 0...UInt32.max), radix: 36)
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
        // The rename is durable only once the folder is.
        let folderFD = open(folderPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderFD >= 0 {
            let synced = fsync(folderFD) == 0 || errno == EINVAL
            let error = errno
            close(folderFD)
            if !synced { throw .io(path: path, message: "replaced, but its folder cannot be flushed: \(String(cString: strerror(error)))") }
        }
    }

    /// Copies the extended attributes of the file at `source` (user attributes, ACLs, security labels) to
    /// `fd`; nil when done, else why not. Attributes the file system or our rights do not allow to set are
    /// an error: the fixed file would silently lose them.
    private static func copyExtendedAttributes(from source: String, to fd: Int32) -> String? {
        let size = listxattr(source, nil, 0)
        if size < 0 { return errno == ENOTSUP ? nil : "cannot list its extended attributes: \(reason())" }
        guard size > 0 else { return nil }
        var names = [CChar](repeating: 0, count: size)
        let listed = listxattr(source, &names, size)
        guard listed >= 0 else { return "cannot list its extended attributes: \(reason())" }
        var start = 0
        while start < listed {
            var end = start
            while end < listed, names[end] != 0 { end += 1 }
            let name = String(decoding: names[start..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            start = end + 1
            guard !name.isEmpty else { continue }
            let valueSize = getxattr(source, name, nil, 0)
            guard valueSize >= 0 else { return "cannot read its extended attribute \(name): \(reason())" }
            var value = [UInt8](repeating: 0, count: max(valueSize, 1))
            let read = getxattr(source, name, &value, valueSize)
            guard read >= 0 else { return "cannot read its extended attribute \(name): \(reason())" }
            if fsetxattr(fd, name, value, read, 0) != 0 {
                return "cannot keep its extended attribute \(name): \(reason())"
            }
        }
        return nil
    }

    /// Removes temporary files of our naming in `folder` left by scrapelint processes that no longer run
    /// (killed between naming the temporary file and the rename); returns the names removed. A file is
    /// removed only when its name is `.NAME.scrapelint-PID-XXXX`, PID is not a running process, and it is
    /// a regular file.
    @discardableResult
    public static func removeStaleTemporaries(in folder: String) -> [String] {
        guard let directory = opendir(folder.isEmpty ? "." : folder) else { return [] }
        defer { closedir(directory) }
        var removed: [String] = []
        let marker = Array(".scrapelint-".utf8)
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            let bytes = Array(name.utf8)
            guard bytes.first == UInt8(ascii: "."), let at = lastRange(of: marker, in: bytes) else { continue }
            let tail = bytes[at.upperBound...]
            guard let dash = tail.firstIndex(of: UInt8(ascii: "-")),
                  let pid = Int32(String(decoding: tail[..<dash], as: UTF8.self)), pid > 0, pid != getpid(),
                  dash + 1 < bytes.count
            else { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue } // still running
            let path = (folder.isEmpty ? "." : folder) + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            if unlink(path) == 0 { removed.append(name) }
        }
        return removed
    }

    private static func lastRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard haystack.count >= needle.count else { return nil }
        for start in stride(from: haystack.count - needle.count, through: 0, by: -1)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start..<(start + needle.count)
        }
        return nil
    }

    /// Whether `path` is (or links to) a regular file.
    public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The final target of `path` when it is a symbolic link, else `path`.
    static func resolvedPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The system's message for `errno`.
    public static func reason() -> String { String(cString: strerror(errno)) }
}
