import Foundation
import ScrapeLintCore

/// Turns the paths a user gave into the inputs to check: `-` is standard input, a file is itself, a
/// folder is every file below it whose name matches an include glob and no exclude glob (hidden entries
/// skipped), in sorted order. Problems are collected, not thrown, so the rest of the run goes on.
///
/// Inside folders, as ripgrep does: a file with a NUL byte in its first ``sniffLength`` bytes is binary and
/// skipped with a note (unless `text`), symbolic links to folders are not followed (no loops), and only
/// regular files are taken (a FIFO would block). Paths given by the user are always taken as they are.
struct InputWalker {
    var include: [String]
    var exclude: [String]
    /// Check binary files found in folders too.
    var text = false

    /// How many leading bytes are searched for a NUL byte.
    static let sniffLength = 8192

    struct Walk {
        var inputs: [String] = []
        var problems: [ScrapeLintError] = []
        /// Files skipped in folders, with why (not errors).
        var notes: [String] = []
    }

    func walk(_ paths: [String]) -> Walk {
        var walk = Walk()
        for path in paths {
            if path == "-" {
                walk.inputs.append(path)
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                walk.problems.append(.io(path: path, message: "No such file or directory"))
                continue
            }
            if !isDirectory.boolValue {
                walk.inputs.append(path)
                continue
            }
            walkFolder(path, into: &walk)
        }
        return walk
    }

    private func walkFolder(_ folder: String, into walk: inout Walk) {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            walk.problems.append(.io(path: folder, message: "cannot list the folder"))
            return
        }
        for name in entries where !name.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            if matchesAny(exclude, name: name, path: path) { continue }
            var link = stat()
            guard lstat(path, &link) == 0 else { continue }
            let isLink = (link.st_mode & S_IFMT) == S_IFLNK
            var info = link
            if isLink, stat(path, &info) != 0 { continue } // a dangling link
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if !isLink { walkFolder(path, into: &walk) }
            case S_IFREG:
                guard matchesAny(include, name: name, path: path) else { continue }
                if !text && InputWalker.looksBinary(path) {
                    walk.notes.append("\(path): skipped: binary file (NUL byte); use --text to check it")
                } else {
                    walk.inputs.append(path)
                }
            default:
                continue
            }
        }
    }

    /// True when the first ``sniffLength`` bytes of the file hold a NUL byte. Unreadable files are not
    /// binary: reading them later reports the problem.
    static func looksBinary(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: sniffLength)
        var filled = 0
        while filled < buffer.count {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            filled += count
        }
        return buffer[0..<filled].contains(0)
    }

    /// A glob matches the file name, or the whole path when it contains a slash.
    private func matchesAny(_ globs: [String], name: String, path: String) -> Bool {
        globs.contains { glob in
            let subject = glob.contains("/") ? path : name
            return fnmatch(glob, subject, glob.contains("/") ? FNM_PATHNAME : 0) == 0
        }
    }
}
