import Foundation

/// How scrapelint writes and tidies the files of its cache folders (result-cache entries, Vectorscan
/// databases): each file is written to a temporary file beside it, named `NAME.tmp-PID-RANDOM`, and
/// renamed into place, so that a reader never sees half a file. A process killed between the two leaves the
/// temporary file behind; ``removeStaleTemporaries(in:of:now:)`` removes such files once they are
/// ``staleAge`` seconds old (no cache write takes that long, so a younger one may be another run's write
/// in progress). Nothing else is ever removed by it: only regular files of the user's whose name is the
/// temporary name of one of our own file names, in the folder given (no link is followed).
enum CacheFile {
    /// Seconds after its last change when a temporary file is taken as left by a killed process: an hour.
    static let staleAge = 3_600

    /// A temporary path for writing `path`: `PATH.tmp-PID-RANDOM`.
    static func temporaryPath(for path: String) -> String { path + ".tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))" }

    /// The name whose temporary `name` is (`NAME` of `NAME.tmp-PID-RANDOM`, both numbers decimal), or nil
    /// when `name` is not a temporary name.
    static func target(ofTemporary name: Substring) -> Substring? {
        guard let marker = name.range(of: ".tmp-", options: .backwards) else { return nil }
        let numbers = name[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        guard numbers.count == 2, numbers.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        return name[..<marker.lowerBound]
    }

    /// Writes `bytes` as the file `path`, through a temporary file renamed into place, every call checked;
    /// nil when done, else why not (the temporary file is then removed). Not flushed to disk: a cache file
    /// lost in a crash costs a check or a compile, and readers check every file whole. The reason names no
    /// path (so that one cause gives one warning).
    static func write(_ bytes: UnsafeRawBufferPointer, to path: String) -> String? {
        let temporary = temporaryPath(for: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return "cannot create a temporary file: \(FileAccess.reason())" }
        var written = 0
        var failure: String?
        while written < bytes.count {
            let count = Glibc.write(fd, bytes.baseAddress! + written, bytes.count - written)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                failure = "cannot write: \(count < 0 ? FileAccess.reason() : "nothing written")"
                break
            }
            written += count
        }
        if close(fd) != 0, failure == nil { failure = "cannot close: \(FileAccess.reason())" }
        if failure == nil, rename(temporary, path) != 0 { failure = "cannot rename it into place: \(FileAccess.reason())" }
        if failure != nil { unlink(temporary) }
        return failure
    }

    /// Removes from `folder` the temporary files (``target(ofTemporary:)``) of names that `isOurs` accepts,
    /// when they are regular files of the user's last changed ``staleAge`` seconds or more before `now`;
    /// returns how many it removed and the problems met (a folder that cannot be listed, a file that cannot
    /// be removed), each a sentence naming the path. A file removed meanwhile by another run is no problem.
    static func removeStaleTemporaries(in folder: String, of isOurs: (Substring) -> Bool, now: Int) -> (removed: Int, problems: [String]) {
        var problems: [String] = []
        var removed = 0
        for name in names(in: folder, problems: &problems) {
            guard let target = target(ofTemporary: Substring(name)), isOurs(target) else { continue }
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == getuid(),
                  now - Int(info.st_mtim.tv_sec) >= staleAge else { continue }
            if unlink(path) == 0 {
                removed += 1
            } else if errno != ENOENT {
                problems.append("cannot remove \(path): \(FileAccess.reason())")
            }
        }
        return (removed, problems)
    }

    /// The names in `folder` (`.` and `..` left out); a folder that cannot be listed adds a problem.
    static func names(in folder: String, problems: inout [String]) -> [String] {
        guard let directory = opendir(folder) else {
            if errno != ENOENT { problems.append("cannot list \(folder): \(FileAccess.reason())") }
            return []
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}

extension Character {
    /// `0` to `9`.
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
