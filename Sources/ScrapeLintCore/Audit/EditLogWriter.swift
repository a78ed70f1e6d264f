/// Writes an edit log: a header, then for each document a document line and one JSON line per applied
/// edit, in the order given. Every write is checked; ``sync()`` makes what was written durable before the
/// files it covers are replaced. Used from one thread.
public final class EditLogWriter {
    public let path: String
    private let writer: CheckedWriter
    private let ownsWriter: Bool

    /// Creates (or truncates) the log at `path` and writes its header; `folder` is the run's working folder.
    public convenience init(path: String, folder: String) throws(ScrapeLintError) {
        try self.init(writer: try CheckedWriter.create(path), folder: folder, owned: true)
    }

    /// Writes the log through `writer` (standard output for `--edit-log -`), closed with the log when `owned`.
    public init(writer: CheckedWriter, folder: String, owned: Bool = false) throws(ScrapeLintError) {
        self.path = writer.name
        self.writer = writer
        self.ownsWriter = owned
        try writer.write(Array((EditLogHeader(folder: folder).json() + "\n").utf8))
    }

    /// Logs one document fixed from `original` into `fixed` by `edits` (nothing when there are none).
    public func write(file: String, record: String? = nil, line: Int? = nil, inputLine: Int? = nil,
                      original: [UInt8], fixed: [UInt8], edits: [AppliedEdit]) throws(ScrapeLintError) {
        guard !edits.isEmpty else { return }
        let document = EditLogDocument(file: file, record: record, line: line, inputLine: inputLine, edits: edits.count,
                                       original: original, fixed: fixed)
        var text = document.json() + "\n"
        for entry in EditLogEntry.entries(edits, file: file, record: record, line: line, inputLine: inputLine) {
            text += entry.json() + "\n"
        }
        try writer.write(Array(text.utf8))
    }

    /// Writes what is buffered and puts it on disk.
    public func sync() throws(ScrapeLintError) { try writer.sync() }

    /// Writes what is buffered, puts it on disk and closes the log (a writer not owned is only flushed).
    public func close() throws(ScrapeLintError) {
        try writer.sync()
        if ownsWriter { try writer.close() }
    }
}
