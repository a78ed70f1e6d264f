import Foundation

/// The cache folder the tests give checkers that load the prefilter database, so that no test writes into
/// the user's cache folder (`~/.cache/scrapelint`). One folder per user, bounded like any cache folder (the
/// newest few databases are kept).
enum TemporaryCache {
    static let folder: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scrapelint-test-cache-\(getuid())").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// A new empty folder, for tests that look at what is written.
    static func makeEmptyFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scrapelint-cache-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
