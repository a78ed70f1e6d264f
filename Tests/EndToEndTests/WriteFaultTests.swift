import Foundation
import Testing

/// `--fix` writes atomically: on any failure the original stays as it was and no temporary file is left.
@Suite struct WriteFaultTests {
    private static let original = Array("Advertisement\nText [3 shares]\n".utf8)
    private static let fixed = Array("Text\n".utf8)

    @Test func readOnlyFileIsNotReplaced() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("ro.txt", Self.original)
        try scratch.write("rw.txt", Self.original)
        chmod(scratch.url("ro.txt").path, 0o444)
        let result = try scratch.run("check", ["--fix", "ro.txt", "rw.txt"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("ro.txt: is read-only; not fixed"))
        #expect(try scratch.read("ro.txt") == Self.original)
        #expect(try scratch.read("rw.txt") == Self.fixed)
        #expect(scratch.leftovers().isEmpty)
    }

    @Test(.enabled(if: Unprivileged.available)) func readOnlyFolderLeavesTheFileUntouched() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("locked/a.txt", Self.original)
        chmod(scratch.folder.path, 0o755)
        chmod(scratch.url("noise.yml").path, 0o644)
        chmod(scratch.url("locked/a.txt").path, 0o666)
        chmod(scratch.url("locked").path, Unprivileged.isRoot ? 0o755 : 0o555)
        defer { chmod(scratch.url("locked").path, 0o755) }
        let result = try scratch.run("check", ["--fix", "locked/a.txt"], as: true)
        #expect(result.status == 2)
        #expect(result.stderr.contains("locked/a.txt: cannot create a temporary file next to it: Permission denied"))
        #expect(try scratch.read("locked/a.txt") == Self.original)
        #expect(scratch.leftovers().isEmpty)
    }

    @Test func fullDiskLeavesTheFileUntouched() throws {
        // A file size limit makes writes fail with EFBIG as a full disk fails them with ENOSPC.
        let scratch = try Scratch()
        defer { scratch.remove() }
        var big = Array(String(repeating: "Some text that stays.\n", count: 400).utf8)
        big += Self.original
        try scratch.write("big.txt", big)
        try scratch.write("small.txt", Self.original)
        let command = "ulimit -f 4 && exec \"$0\" check --no-builtin --rules noise.yml --quiet --fix big.txt small.txt"
        let result = try CLI.runTool(URL(fileURLWithPath: "/bin/sh"), ["-c", command, CLI.binary.path], in: scratch.folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("big.txt: cannot write: File too large"))
        #expect(try scratch.read("big.txt") == big)
        #expect(try scratch.read("small.txt") == Self.fixed)
        #expect(scratch.leftovers().isEmpty)
    }

    @Test func permissionsAndOwnerAreKept() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("a.txt", Self.original)
        chmod(scratch.url("a.txt").path, 0o640)
        // Running as root over another user's file, the file stays theirs.
        if Unprivileged.isRoot { chown(scratch.url("a.txt").path, 65534, 65534) }
        var before = stat()
        stat(scratch.url("a.txt").path, &before)
        #expect(try scratch.run("check", ["--fix", "a.txt"]).status == 0)
        var after = stat()
        stat(scratch.url("a.txt").path, &after)
        #expect(after.st_mode & 0o7777 == 0o640)
        #expect(after.st_uid == before.st_uid && after.st_gid == before.st_gid)
        #expect(after.st_ino != before.st_ino) // replaced, not rewritten in place
        #expect(try scratch.read("a.txt") == Self.fixed)
    }
}
