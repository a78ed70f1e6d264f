import Foundation
import Testing

/// Every fixture pair through the binary: `clean`, `check --fix` (twice), `check --diff` applied with
/// `patch -p1` and with `git apply`, all byte for byte.
@Suite struct FixtureTests {
    static let pairs = CLI.fixturePairs()

    private func load(_ name: String) throws -> (input: Data, expected: Data) {
        let fixtures = CLI.root.appendingPathComponent("Fixtures")
        let input = try Data(contentsOf: fixtures.appendingPathComponent(name))
        let expected = try Data(contentsOf: fixtures.appendingPathComponent(String(name.dropLast(4)) + ".clean.txt"))
        return (input, expected)
    }

    @Test func thereAreFixtures() {
        #expect(Self.pairs.contains("reuters-kerry-2015.txt"))
        #expect(Self.pairs.count >= 6)
    }

    @Test(arguments: pairs)
    func cleanGivesTheExpectedBytes(_ name: String) throws {
        let (_, expected) = try load(name)
        let result = try CLI.run(["clean", "Fixtures/\(name)"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected)
        #expect(result.stderr.isEmpty)
    }

    @Test(arguments: pairs)
    func cleanReadsStandardInput(_ name: String) throws {
        let (input, expected) = try load(name)
        let result = try CLI.run(["clean"], stdin: input)
        #expect(result.stdout == expected)
    }

    @Test(arguments: pairs)
    func fixInPlaceIsIdempotentAndKeepsPermissions(_ name: String) throws {
        let (input, expected) = try load(name)
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("page.txt")
        try input.write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file.path)
        // Report-only rules (mojibake, say) may leave violations: then --fix exits 1, as check of the
        // expected text does.
        let remaining = try CLI.run(["check", "Fixtures/" + String(name.dropLast(4)) + ".clean.txt"]).status
        let first = try CLI.run(["check", "--fix", "--unsafe-fixes", "page.txt"], in: folder)
        #expect(first.status == remaining, "\(first.out)\(first.stderr)")
        #expect(try Data(contentsOf: file) == expected)
        let permissions = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(permissions == 0o640)
        let second = try CLI.run(["check", "--fix", "--unsafe-fixes", "page.txt"], in: folder)
        #expect(second.status == remaining)
        #expect(try Data(contentsOf: file) == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["page.txt"])
        // The fixed file checks as the expected text does.
        #expect(try CLI.run(["check", "page.txt"], in: folder).status == remaining)
    }

    @Test(arguments: pairs)
    func diffAppliesWithPatchAndGitApply(_ name: String) throws {
        let (input, expected) = try load(name)
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("page.txt")
        try input.write(to: file)
        let result = try CLI.run(["check", "--diff", "--unsafe-fixes", "page.txt"], in: folder)
        #expect(try Data(contentsOf: file) == input, "--diff must write nothing")
        if input == expected {
            #expect(result.status == 0)
            #expect(result.stdout.isEmpty)
            return
        }
        #expect(result.status == 1)
        let patchFile = folder.appendingPathComponent("fix.patch")
        try result.stdout.write(to: patchFile)
        for tool in [["/usr/bin/patch", "-p1", "-s", "-i", "fix.patch"], ["/usr/bin/git", "apply", "fix.patch"]] {
            try input.write(to: file)
            let applied = try CLI.runTool(URL(fileURLWithPath: tool[0]), Array(tool.dropFirst()), in: folder)
            #expect(applied.status == 0, "\(tool[0]): \(applied.out) \(applied.stderr)")
            #expect(try Data(contentsOf: file) == expected, "\(tool[0])")
        }
    }
}
