#if canImport(Glibc)
import Glibc
#endif

/// The file name of a `---` or `+++` line of a unified diff, as git writes it, so that `patch -p1` and
/// `git apply` take it for any path: `a/` or `b/` before the path relative to the current folder, quoted
/// in C style when the path holds a control character, `"`, `\` or a byte above 0x7F (`"a/t\tb.txt"`,
/// `"a/\303\251.txt"`), followed by a tab when it holds a space (patch ends an unquoted name at a tab).
/// A path that leaves the current folder (`../x/a.txt`) is named by its absolute place without the leading
/// `/`, as absolute paths are: patch tools refuse `..` in names, and applied from `/` it names the file.
public enum DiffLabel {
    /// The label of `path` on side `side` (`a` or `b`).
    public static func make(side: String, path: String) -> String {
        let name = side + "/" + relativeName(path)
        if name.utf8.contains(where: needsQuoting) { return quoted(name) }
        return name.contains(" ") ? name + "\t" : name
    }

    /// `path` (a file's) without `.` components, repeated slashes and a leading `/`; a path with a `..`
    /// component becomes the real place of its folder (links followed) and its name, so no `..` is left.
    static func relativeName(_ path: String) -> String {
        let parts = path.split(separator: "/").filter { $0 != "." }
        guard parts.contains("..") else { return parts.joined(separator: "/") }
        guard let slash = path.lastIndex(of: "/") else { return parts.filter { $0 != ".." }.joined(separator: "/") }
        let folder = slash == path.startIndex ? "/" : String(path[..<slash])
        let file = String(path[path.index(after: slash)...])
        guard let resolved = realpath(folder, nil) else {
            // A folder that cannot be resolved: drop what climbs out rather than write `..`.
            return parts.filter { $0 != ".." }.joined(separator: "/")
        }
        defer { free(resolved) }
        let base = String(cString: resolved).split(separator: "/").map(String.init)
        return (base + [file]).joined(separator: "/")
    }

    static func needsQuoting(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte >= 0x7F
    }

    /// git's C-style quoting: the usual backslash escapes, octal for other bytes that need quoting.
    static func quoted(_ name: String) -> String {
        var text = "\""
        for byte in name.utf8 {
            switch byte {
            case 0x07: text += "\\a"
            case 0x08: text += "\\b"
            case 0x09: text += "\\t"
            case 0x0A: text += "\\n"
            case 0x0B: text += "\\v"
            case 0x0C: text += "\\f"
            case 0x0D: text += "\\r"
            case 0x22: text += "\\\""
            case 0x5C: text += "\\\\"
            case _ where needsQuoting(byte):
                let octal = String(byte, radix: 8)
                text += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            default: text.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return text + "\""
    }
}
