import Foundation
import Testing

/// `check --watch`: the first report, then a second one after a file changes; Ctrl-C ends it with 130.
@Suite struct WatchTests {
    /// Waits (up to `seconds`) until `condition` holds.
    func waitFor(_ seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            usleep(50_000)
        }
        return try condition()
    }

    @Test func editedFileIsCheckedAgain() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("pages/a.txt")
        try FileManager.default.createDirectory(at: page.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "Prose.\n0 : 0\n• narrow-browser-and-phone\n".write(to: page, atomically: false, encoding: .utf8)
        let out = folder.appendingPathComponent("out"), err = folder.appendingPathComponent("err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["check", "--watch", "--format", "concise", "--no-cache", "pages"]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["HOME"] = "/nonexistent"
        process.environment = environment
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        defer { try? outHandle.close(); try? errHandle.close() }
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        func read(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

        let first = """
        pages/a.txt:2:1: warning: share/comment counter '0 : 0' [counter-share-pair]
        pages/a.txt:3:1: warning: layout label leaked from page markup: 'narrow-browser-and-phone' [layout-breakpoint-label]
        Found 2 violations in 1 file (2 fixable with --fix).

        """
        #expect(try waitFor(20) { read(err).contains("watching for changes") }, "\(read(err))")
        #expect(read(out) == first)
        // An edit (the counter line gone), then a new file in the folder.
        try "Prose.\n• narrow-browser-and-phone\n".write(to: page, atomically: false, encoding: .utf8)
        let second = """
        pages/a.txt:2:1: warning: layout label leaked from page markup: 'narrow-browser-and-phone' [layout-breakpoint-label]
        Found 1 violation in 1 file (1 fixable with --fix).

        """
        #expect(try waitFor(20) { read(out) == first + second }, "\(read(out))")
        try "0 : 0\n".write(to: folder.appendingPathComponent("pages/b.txt"), atomically: false, encoding: .utf8)
        #expect(try waitFor(20) { read(out).hasSuffix("Found 1 violation in 2 files (1 fixable with --fix).\n") }, "\(read(out))")

        process.interrupt()
        #expect(try waitFor(10) { !process.isRunning })
        #expect(process.terminationReason == .exit && process.terminationStatus == 130)
        #expect(read(err) == """
        scrapelint: watching for changes (Ctrl-C to stop)
        scrapelint: change detected; checking again
        scrapelint: watching for changes (Ctrl-C to stop)
        scrapelint: change detected; checking again
        scrapelint: watching for changes (Ctrl-C to stop)

        """)
    }
}
