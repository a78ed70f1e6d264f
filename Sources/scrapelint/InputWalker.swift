import Foundation
import ScrapeLintCore

/// Turns the paths a user gave into the inputs to check: `-` is standard input, a file is itself, a
/// folder is every file below it whose name matches an include glob and no exclude glob (hidden entries
/// skipped), in sorted order. Problems are collected, not thrown, so the rest of the run goes on.
///
/// Inside folders, as ripgrep does: a file with a NUL byte in its first ``sniffLength`` bytes is binary and
/// skipped with a note (unless `text`), symbolic links are not followed (with `follow`, only those that
/// lead to a file or folder inside the folder walked, each folder once), and only regular files are taken
/// (a FIFO would block). Paths given by the user are always taken as they are. The same file named twice
/// (by two paths, or by a path and a folder holding it) is taken once, where it came first.
///
/// With `respectsIgnoreFiles` (what `check`, `clean`, `report` and `compare` set unless `--no-ignore`), what the git repository holding a
/// walked folder ignores is skipped, as ``IgnoreFiles`` matches it (`.gitignore`, `.ignore`,
/// `.git/info/exclude`, the global excludes file). A path named on the command line is always taken, and a
/// folder named there that is itself ignored is walked without the ignore rules.
struct InputWalker {
    var include: [String]
    var exclude: [String]
    /// Check binary files found in folders too.
    var text = false
    /// Follow symbolic links met in folders when they stay inside the folder walked.
    var follow = false
    /// Skip what the ignore files of the git repository say (`--no-ignore` turns this off).
    var respectsIgnoreFiles = false

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
            var info = stat()
            guard stat(path, &info) == 0 else {
                // The system's reason: a missing file, a loop of links, a folder on the way that cannot be searched.
                walk.problems.append(.io(path: path, message: FileAccess.reason()))
                continue
            }
            if info.st_mode & S_IFMT != S_IFDIR {
                walk.inputs.append(path)
                continue
            }
            let found = walk.inputs.count
            var visited = Set<FileIdentity>()
            var ignores: IgnoreFiles?
            if respectsIgnoreFiles {
                let opened = IgnoreFiles.open(walking: path)
                if let failure = opened.failure { walk.notes.append("\(path): ignore files not applied: \(failure)") }
                // A folder named on the command line is walked even when it is ignored itself.
                ignores = opened.files?.isIgnored("") == false ? opened.files : nil
            }
            walkFolder(path, relative: "", root: InputWalker.resolved(path) ?? path, ignores: ignores, visited: &visited, into: &walk)
            walk.notes += ignores?.problems ?? []
            if walk.inputs.count == found {
                walk.notes.append("\(path): no file to check in this folder (looked for \(include.joined(separator: ", ")))")
            }
        }
        walk.inputs = InputWalker.unique(walk.inputs)
        return walk
    }

    /// `inputs` without a second name of the same file (device and inode), in order.
    static func unique(_ inputs: [String]) -> [String] {
        var seen = Set<FileIdentity>()
        var standardInput = false
        return inputs.filter { path in
            if path == "-" {
                defer { standardInput = true }
                return !standardInput
            }
            var info = stat()
            guard stat(path, &info) == 0 else { return true }
            return seen.insert(FileIdentity(info)).inserted
        }
    }

    static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// Walks `folder`, which is `relative` (`""` or ending in `/`) below the folder named on the command line.
    private func walkFolder(_ folder: String, relative: String, root: String, ignores: IgnoreFiles?,
                            visited: inout Set<FileIdentity>, into walk: inout Walk) {
        var own = stat()
        if stat(folder, &own) == 0, !visited.insert(FileIdentity(own)).inserted { return }
        ignores?.enterFolder(relative)
        let entries: [String]
        guard let handle = opendir(folder) else {
            walk.problems.append(.io(path: folder, message: "cannot list the folder: \(FileAccess.reason())"))
            return
        }
        closedir(handle)
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            walk.problems.append(.io(path: folder, message: "cannot list the folder: \(error.localizedDescription)"))
            return
        }
        for name in entries where !name.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            if matchesAny(exclude, name: name, path: path) { continue }
            if let ignores, ignores.isIgnored(relative + name) { continue }
            var link = stat()
            guard lstat(path, &link) == 0 else { continue }
            let isLink = (link.st_mode & S_IFMT) == S_IFLNK
            var info = link
            if isLink {
                guard follow else {
                    walk.notes.append("\(path): skipped: symbolic link (--follow follows links that stay inside the folder)")
                    continue
                }
                guard stat(path, &info) == 0, let target = InputWalker.resolved(path) else { continue } // a dangling link
                guard target.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
                    walk.notes.append("\(path): skipped: symbolic link leading outside \(root)")
                    continue
                }
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                walkFolder(path, relative: relative + name + "/", root: root, ignores: ignores, visited: &visited, into: &walk)
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
