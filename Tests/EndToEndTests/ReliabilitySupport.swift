import Foundation
import Testing

/// A scratch folder with a small rule file (`noise.yml`) whose fixes are easy to predict, and helpers to
/// write inputs and run the binary inside it.
struct Scratch {
    let folder: URL

    /// Rules of the reliability tests: whole `Advertisement` lines go, `[N shares]` counters go.
    static let rules = """
    rules:
      - id: test-ad
        category: test
        severity: warning
        message: 'ad line'
        description: An ad label on its own line.
        pattern: '^Advertisement$'
        fix: delete-line
        examples: {match: ["Advertisement"], no-match: ["An Advertisement ran."]}
      - id: test-shares
        category: test
        severity: warning
        message: 'share counter'
        description: A share counter inside a line.
        pattern: ' \\[\\d+ shares\\]'
        fix: delete-match
        examples: {match: ["Text [3 shares]"], no-match: ["Text [shares]"]}
    """

    init() throws {
        folder = try CLI.temporaryFolder()
        try Data(Scratch.rules.utf8).write(to: url("noise.yml"))
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    func write(_ name: String, _ bytes: [UInt8]) throws {
        try FileManager.default.createDirectory(at: url(name).deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url(name))
    }

    func read(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: url(name))) }

    /// Runs `scrapelint COMMAND --no-builtin --rules noise.yml ARGS` in the folder.
    func run(_ command: String, _ arguments: [String], stdin: [UInt8]? = nil, as user: Bool = false) throws -> CLI.Result {
        let full = [command, "--no-builtin", "--rules", "noise.yml", "--quiet"] + arguments
        if user { return try Unprivileged.run(full, in: folder) }
        return try CLI.run(full, stdin: stdin.map { Data($0) }, in: folder)
    }

    /// Runs `scrapelint ARGS` (as given: no options added) through the shell in the folder, with `redirect`
    /// (say `> /dev/full`) and `limit` (bash's `ulimit -f`, in 1024-byte blocks: writes past it fail as on a full
    /// disk). Outputs are never named `/dev/full` directly: a binary that replaces an output by renaming
    /// would replace the device itself (as root).
    func shell(_ arguments: [String], redirect: String = "", limit: Int? = nil) throws -> CLI.Result {
        let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        // Standard error goes through `cat`, outside the limit, so that the messages are not cut by it.
        let limited = (limit.map { "ulimit -f \($0) && " } ?? "") + "exec \"$0\" \(quoted) \(redirect) 2>&4"
        let command = "set -o pipefail; exec 3>&1; ( \(limited) ) 4>&1 1>&3 | cat >&2"
        return try CLI.runTool(URL(fileURLWithPath: "/bin/bash"), ["-c", command, CLI.binary.path], in: folder)
    }

    /// Names of leftover temporary files anywhere in the folder.
    func leftovers() -> [String] {
        let names = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
        return names.filter { $0.contains(".scrapelint-") }
    }
}

/// An input built from pieces, each kept or removed by the fix: the expected output is exact.
struct Pieces {
    var parts: [(bytes: [UInt8], kept: Bool)] = []

    mutating func keep(_ bytes: [UInt8]) { parts.append((bytes, true)) }
    mutating func keep(_ text: String) { keep(Array(text.utf8)) }
    mutating func drop(_ text: String) { parts.append((Array(text.utf8), false)) }

    var input: [UInt8] { parts.flatMap(\.bytes) }
    var fixed: [UInt8] { parts.filter(\.kept).flatMap(\.bytes) }
}

/// Runs the binary as `nobody` (with setpriv) when the tests run as root, so that permissions bite;
/// as the current user otherwise.
enum Unprivileged {
    static var isRoot: Bool { getuid() == 0 }

    /// Whether permission tests can run: not root, or root with setpriv to drop to nobody, and nobody can
    /// run the binary (its Swift libraries may live in a folder only root can read).
    static let available: Bool = {
        guard isRoot else { return true }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
              let result = try? run(["--version"], in: URL(fileURLWithPath: "/tmp"))
        else { return false }
        return result.status == 0
    }()

    static func run(_ arguments: [String], in folder: URL) throws -> CLI.Result {
        guard isRoot else { return try CLI.run(arguments, in: folder) }
        // nobody must reach the binary: copy it somewhere world-readable.
        let copy = try binaryCopy()
        return try CLI.runTool(URL(fileURLWithPath: "/usr/bin/setpriv"),
                               ["--reuid=65534", "--regid=65534", "--clear-groups", copy.path] + arguments, in: folder)
    }

    private static func binaryCopy() throws -> URL {
        let folder = URL(fileURLWithPath: "/tmp/scrapelint-nobody-\(getpid())")
        let copy = folder.appendingPathComponent("scrapelint")
        if !FileManager.default.fileExists(atPath: copy.path) {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? FileManager.default.copyItem(at: CLI.binary, to: copy)
            chmod(folder.path, 0o755)
            chmod(copy.path, 0o755)
        }
        return copy
    }
}
