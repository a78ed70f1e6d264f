import Foundation

/// A path glob as ruff's `per-file-ignores` and `.gitignore` read them: `**` as a whole segment matches any
/// number of folders (none included), `*` and `?` stay inside one segment, `[...]` is a class. A glob
/// without `/` matches the file name in any folder.
public struct PathGlob: Sendable, Hashable {
    public let pattern: String
    private let segments: [String]

    public init(_ pattern: String) {
        self.pattern = pattern
        let trimmed = pattern.hasPrefix("./") ? String(pattern.dropFirst(2)) : pattern
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        segments = trimmed.contains("/") ? parts : ["**"] + parts
    }

    /// Whether `path` (relative, `/`-separated) matches.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        return PathGlob.match(segments[...], parts[...])
    }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            if rest.isEmpty { return true }
            for skip in 0...path.count where match(rest, path.dropFirst(skip)) { return true }
            return false
        }
        guard let segment = path.first, fnmatch(first, segment, 0) == 0 else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }
}
