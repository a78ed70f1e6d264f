import Foundation
import Testing

/// Runs the built `scrapelint` binary as a user would.
enum CLI {
    /// The binary next to the test bundle (SwiftPM builds it for this test target), or $SCRAPELINT_BIN.
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["SCRAPELINT_BIN"] { return URL(fileURLWithPath: path) }
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = exe.deletingLastPathComponent()
        // The test runner may live inside a *.xctest bundle folder.
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("scrapelint").path), folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("scrapelint")
    }()

    /// The package root (for Fixtures/ and Rules/).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Result {
        let status: Int32
        let stdout: Data
        let stderr: String
        var out: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// Runs the binary with NO_COLOR=1 and whatever `environment` sets (a `nil` value removes a variable).
    static func run(_ arguments: [String], stdin: Data? = nil, in directory: URL? = nil,
                    environment: [String: String?] = [:]) throws -> Result {
        try runTool(binary, arguments, stdin: stdin, in: directory, environment: environment)
    }

    /// `XDG_CACHE_HOME` for every run of the binary: a folder of the tests' own, per user.
    static let cacheHome = FileManager.default.temporaryDirectory.appendingPathComponent("scrapelint-test-cache-home-\(getuid())").path

    static func runTool(_ tool: URL, _ arguments: [String], stdin: Data? = nil, in directory: URL? = nil,
                        environment changes: [String: String?] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? root
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["FORCE_COLOR"] = nil
        // The user's cache folder (result cache, prefilter databases) is the tests' own, never the real one.
        environment["XDG_CACHE_HOME"] = cacheHome
        for (name, value) in changes { environment[name] = value }
        process.environment = environment
        // Standard input and error go through temporary files so that no pipe can fill up and block.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("scrapelint-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inURL = scratch.appendingPathComponent("stdin"), errURL = scratch.appendingPathComponent("stderr")
        try (stdin ?? Data()).write(to: inURL)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outPipe = Pipe()
        let inHandle = try FileHandle(forReadingFrom: inURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer { try? inHandle.close(); try? errHandle.close() }
        process.standardOutput = outPipe
        process.standardError = errHandle
        process.standardInput = inHandle
        try process.run()
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errData = try Data(contentsOf: errURL)
        return Result(status: process.terminationStatus, stdout: outData, stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("scrapelint-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every `NAME.txt` under Fixtures/ with a `NAME.clean.txt` beside it.
    static func fixturePairs() -> [String] {
        let fixtures = root.appendingPathComponent("Fixtures")
        guard let enumerator = FileManager.default.enumerator(atPath: fixtures.path) else { return [] }
        var pairs: [String] = []
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".txt"), !relative.hasSuffix(".clean.txt") else { continue }
            let expected = String(relative.dropLast(4)) + ".clean.txt"
            if FileManager.default.fileExists(atPath: fixtures.appendingPathComponent(expected).path) { pairs.append(relative) }
        }
        return pairs.sorted()
    }
}
