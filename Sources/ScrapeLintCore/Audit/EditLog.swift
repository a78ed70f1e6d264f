/// An edit log read back: its header, and each document with its edits, in log order.
public struct EditLog: Sendable {
    /// One document of the log and the edits of its fix.
    public struct Entry: Sendable {
        public let document: EditLogDocument
        public var edits: [EditLogEntry]
        /// The log line of the document line.
        public let lineNumber: Int
    }

    public let header: EditLogHeader
    public let documents: [Entry]
}

/// Reads an edit log line by line and checks its structure: a header first, then each document line
/// followed by exactly its edits, which are sorted, do not overlap, and say where they stand in the fixed
/// text consistently.
public struct EditLogReader {
    private var header: EditLogHeader?
    private var documents: [EditLog.Entry] = []
    /// The fixed-text shift after the last edit read of the open document.
    private var shift = 0

    public init() {}

    /// Reads line `number` (without terminator); blank lines are skipped.
    public mutating func read(_ line: ArraySlice<UInt8>, number: Int) throws(EditLogEntry.ReadError) {
        guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
        let fields = try EditLogFields(line)
        guard let header else {
            guard fields.kind == "edit-log" else {
                throw EditLogEntry.ReadError(message: "no edit log header: the log was written by an older version (format 1), whose documents cannot be verified")
            }
            self.header = try EditLogHeader(fields: fields)
            return
        }
        _ = header
        switch fields.kind {
        case "document":
            try closeDocument()
            documents.append(EditLog.Entry(document: try EditLogDocument(fields: fields), edits: [], lineNumber: number))
            shift = 0
        case "edit":
            let entry = try EditLogEntry(fields: fields)
            guard let open = documents.last, open.edits.count < open.document.edits else {
                throw EditLogEntry.ReadError(message: "an edit that no document line announces")
            }
            guard open.document.owns(entry) else {
                throw EditLogEntry.ReadError(message: "an edit of another document than \(open.document.label)")
            }
            if let previous = open.edits.last, entry.edit.range.lowerBound < previous.edit.range.upperBound {
                throw EditLogEntry.ReadError(message: "edits out of order or overlapping")
            }
            guard entry.fixedStart == entry.edit.range.lowerBound + shift else {
                throw EditLogEntry.ReadError(message: "`fixed_start_byte` \(entry.fixedStart) does not follow from the edits before it")
            }
            guard entry.edit.range.upperBound <= open.document.originalLength else {
                throw EditLogEntry.ReadError(message: "an edit beyond the end of the original document")
            }
            shift += entry.edit.replacement.count - entry.edit.range.count
            documents[documents.count - 1].edits.append(entry)
        case "edit-log":
            throw EditLogEntry.ReadError(message: "a second edit log header")
        case let kind:
            throw EditLogEntry.ReadError(message: kind.map { "unknown line kind `\($0)`" } ?? "a line without `kind`")
        }
    }

    private func closeDocument() throws(EditLogEntry.ReadError) {
        guard let open = documents.last else { return }
        guard open.edits.count == open.document.edits else {
            throw EditLogEntry.ReadError(message: "\(open.document.label) announces \(open.document.edits) edits, the log has \(open.edits.count)")
        }
        guard open.document.originalLength + shift == open.document.fixedLength else {
            throw EditLogEntry.ReadError(message: "the edits of \(open.document.label) do not give its fixed length")
        }
    }

    /// The log read; throws when it is empty or its last document is incomplete.
    public func finish() throws(EditLogEntry.ReadError) -> EditLog {
        guard let header else { throw EditLogEntry.ReadError(message: "empty: no edit log header") }
        try closeDocument()
        return EditLog(header: header, documents: documents)
    }
}
