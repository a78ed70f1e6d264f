import Foundation
import Testing

/// A fast version of scripts/kill-test: `--fix` over many files is killed (SIGKILL) part-way, and every
/// file is then its original bytes or its fully fixed bytes, with no temporary file left.
@Suite struct KillSmokeTests {
    @Test func killedFixLeavesEachFileOriginalOrFixed() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let original = Array(String(repeating: "Body text of the article stays.\nAdvertisement\nMore text [12 shares]\n", count: 2000).utf8)
        let fixed = Array(String(repeating: "Body text of the article stays.\nMore text\n", count: 2000).utf8)
        let names = (0..<60).map { "in/f\($0).txt" }
        for delay in [0.05, 0.15, 0.3] {
            for name in names { try scratch.write(name, original) }
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["check", "--no-builtin", "--rules", "noise.yml", "--quiet", "--fix", "--jobs", "2", "in"]
            process.currentDirectoryURL = scratch.folder
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            for name in names {
                let bytes = try scratch.read(name)
                #expect(bytes == original || bytes == fixed, "\(name) after a kill at \(delay) s")
            }
            #expect(scratch.leftovers().isEmpty)
        }
    }
}
