import Foundation

/// The batches of a corpus, for a ``BatchRunner``: text files (their paths, read on the workers), or the
/// lines of JSON Lines inputs read one after the other in the order given (`-` for standard input; gzip
/// and zstd inputs decompressed on the fly). Memory stays bounded by the batch size and the longest line.
/// A read error ends that input with an ``CorpusItem/unreadable(_:)`` item; the next input goes on.
public final class CorpusSource {
    public let paths: [String]
    public let isJSONLines: Bool
    private var reader: LineReader?
    private var nextFile = 0
    /// Files per batch (text files).
    public let filesPerBatch: Int

    /// Text files, `filesPerBatch` to a batch (bounds how many documents wait for their turn).
    public init(textFiles paths: [String], filesPerBatch: Int = 64) {
        self.paths = paths
        isJSONLines = false
        self.filesPerBatch = max(1, filesPerBatch)
    }

    /// JSON Lines inputs; every input is opened now, so that a missing one is an error before any output.
    public init(jsonLines paths: [String], batchBytes: Int = 4 << 20) throws(ScrapeLintError) {
        self.paths = paths
        isJSONLines = true
        filesPerBatch = 1
        reader = try LineReader(paths: paths, batchBytes: batchBytes)
    }

    deinit { reader?.close() }

    /// The total size of the inputs when known (all regular files): for a progress display.
    public var size: Int? { reader?.size }

    /// The next batch, or nil at the end.
    public func nextBatch() -> [CorpusItem]? {
        guard reader != nil else {
            guard nextFile < paths.count else { return nil }
            let end = min(nextFile + filesPerBatch, paths.count)
            defer { nextFile = end }
            return paths[nextFile..<end].map { .file(path: $0) }
        }
        // The reader is changed in place (a copy would share its buffer, which the next read would then copy).
        do {
            guard let batch = try reader!.nextBatch() else { return nil }
            return batch.map { .record($0, path: paths[$0.source]) }
        } catch {
            reader!.skipInput()
            return [.unreadable(error)]
        }
    }
}
