import Foundation
import ScrapeLintCore

/// Turns the paths a user gave into the inputs to check: `-` is standard input, a file is itself, a
/// folder is every file below it whose name matches an include glob and no exclude glob (hidden entries
/// skipped), in sorted order. Problems are collected, not thrown, so the rest of the run goes on.
struct InputWalker {
    var include: [String]
    var exclude: [String]

    struct Walk {
        var inputs: [String] = []
        var problems: [ScrapeLintError] = []
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
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                walkFolder(path, into: &walk)
            } else if matchesAny(include, name: name, path: path) {
                walk.inputs.append(path)
            }
        }
    }

    /// A glob matches the file name, or the whole path when it contains a slash.
    private func matchesAny(_ globs: [String], name: String, path: String) -> Bool {
        globs.contains { glob in
            let subject = glob.contains("/") ? path : name
            return fnmatch(glob, subject, glob.contains("/") ? FNM_PATHNAME : 0) == 0
        }
    }
}
