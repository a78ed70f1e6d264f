import Foundation
import Testing

/// Expected outputs stored under Tests/Snapshots/ and compared exactly. With
/// `SCRAPELINT_UPDATE_SNAPSHOTS=1` a differing (or missing) snapshot is rewritten instead, and the test
/// still fails so that the new output gets reviewed (`git diff Tests/Snapshots`).
enum Snapshot {
    static let folder = CLI.root.appendingPathComponent("Tests/Snapshots")
    static var updating: Bool { ProcessInfo.processInfo.environment["SCRAPELINT_UPDATE_SNAPSHOTS"] == "1" }

    static func expect(_ actual: Data, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        let expected = try? Data(contentsOf: url)
        guard expected != actual else { return }
        if updating {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url)
            Issue.record("rewrote snapshot \(name); review it with git diff", sourceLocation: sourceLocation)
            return
        }
        let shown = String(decoding: actual, as: UTF8.self)
        Issue.record(expected == nil
            ? "missing snapshot \(name) (run with SCRAPELINT_UPDATE_SNAPSHOTS=1 to write it); output:\n\(shown)"
            : "output differs from snapshot \(name) (run with SCRAPELINT_UPDATE_SNAPSHOTS=1 to rewrite it); output:\n\(shown)",
            sourceLocation: sourceLocation)
    }
}
