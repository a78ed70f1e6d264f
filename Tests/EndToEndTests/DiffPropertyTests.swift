import Foundation
import ScrapeLintCore
import Testing

/// `--diff` applied with `patch` gives exactly what `--fix` writes, over generated documents.
@Suite struct DiffPropertyTests {
    @Test func diffAppliedWithPatchEqualsFix() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        var generator = SeededGenerator(seed: 2024)
        var names: [String] = []
        for index in 0..<40 {
            let name = "docs/doc\(index).txt"
            try scratch.write(name, generate(&generator))
            try scratch.write("copy/" + name, try scratch.read(name))
            names.append(name)
        }
        let diff = try CLI.run(["check", "--diff", "--quiet", "docs"], in: scratch.folder)
        #expect(diff.status == 1, "\(diff.stderr)")
        try diff.stdout.write(to: scratch.url("fix.patch"))
        let patch = try CLI.runTool(URL(fileURLWithPath: "/usr/bin/patch"), ["-p1", "-s", "-d", "copy", "-i", "../fix.patch"], in: scratch.folder)
        #expect(patch.status == 0, "\(patch.stderr) \(patch.out)")
        let fix = try CLI.run(["check", "--fix", "--quiet", "docs"], in: scratch.folder)
        #expect(fix.status != 2, "\(fix.stderr)")
        for name in names {
            #expect(try scratch.read("copy/" + name) == scratch.read(name), "\(name)")
        }
    }

    /// Built-in noise, prose, odd bytes and every line ending (as in the library's property tests).
    private func generate(_ generator: inout SeededGenerator) -> [UInt8] {
        let prose = ["The council approved the budget on Tuesday.", "Rain is expected later this week, forecasters said."]
        let noise = ["Advertisement", "0 : 0", "Reporting by Jane Doe; Editing by John Roe", "• narrow-browser-and-phone",
                     "January 12, 2015 / 12:20 PM / 5 years ago", "Share this article", "Read more:"]
        let endings = ["\n", "\r\n", "\r"]
        var bytes: [UInt8] = []
        let mixed = generator.next() % 2 == 0
        let fixed = endings[Int(generator.next() % 3)]
        for block in 0..<(6 + Int(generator.next() % 10)) {
            let ending = mixed ? endings[Int(generator.next() % 3)] : fixed
            if block > 0 && generator.next() % 3 == 0 { bytes += Array(ending.utf8) }
            switch generator.next() % 6 {
            case 0, 1: bytes += Array(prose[Int(generator.next() % 2)].utf8)
            case 2: bytes += Array("odd ".utf8) + [0xFF, 0x00, 0xC3, 0x41]
            default: bytes += Array(noise[Int(generator.next() % UInt64(noise.count))].utf8)
            }
            bytes += Array(ending.utf8)
        }
        if generator.next() % 3 == 0 { bytes.removeLast() }
        return bytes
    }
}
