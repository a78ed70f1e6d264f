/// The line of an edit log that opens one document's edits: which document (a file, or a record of a JSON
/// Lines corpus), how many edit lines follow, and the length and SHA-256 of its bytes before and after
/// fixing. `revert` restores a document only when its current bytes are exactly the fixed ones.
public struct EditLogDocument: Hashable, Sendable {
    /// The file as given on the command line (`-` for standard input), or the JSON Lines input.
    public var file: String
    /// The record's id (JSON Lines; `nil` for a plain file or a record without one).
    public var record: String?
    /// The record's line in the cleaned JSON Lines output (`nil` for a plain file, or a record dropped).
    public var line: Int?
    /// The record's line in the JSON Lines input.
    public var inputLine: Int?
    /// How many edit lines follow.
    public var edits: Int
    public var originalLength: Int
    public var originalSHA256: String
    public var fixedLength: Int
    public var fixedSHA256: String

    public init(file: String, record: String? = nil, line: Int? = nil, inputLine: Int? = nil, edits: Int,
                originalLength: Int, originalSHA256: String, fixedLength: Int, fixedSHA256: String) {
        self.file = file
        self.record = record
        self.line = line
        self.inputLine = inputLine
        self.edits = edits
        self.originalLength = originalLength
        self.originalSHA256 = originalSHA256
        self.fixedLength = fixedLength
        self.fixedSHA256 = fixedSHA256
    }

    /// The document line of `original` fixed into `fixed` by `edits` edits.
    public init(file: String, record: String? = nil, line: Int? = nil, inputLine: Int? = nil, edits: Int,
                original: [UInt8], fixed: [UInt8]) {
        self.init(file: file, record: record, line: line, inputLine: inputLine, edits: edits,
                  originalLength: original.count, originalSHA256: SHA256.hex(of: original),
                  fixedLength: fixed.count, fixedSHA256: SHA256.hex(of: fixed))
    }

    /// Whether `bytes` are exactly the fixed document.
    public func isFixed(_ bytes: [UInt8]) -> Bool {
        bytes.count == fixedLength && SHA256.hex(of: bytes) == fixedSHA256
    }

    /// Whether `bytes` are exactly the original document.
    public func isOriginal(_ bytes: [UInt8]) -> Bool {
        bytes.count == originalLength && SHA256.hex(of: bytes) == originalSHA256
    }

    /// Whether an edit line belongs to this document.
    public func owns(_ entry: EditLogEntry) -> Bool {
        entry.file == file && entry.record == record && entry.line == line && entry.inputLine == inputLine
    }

    /// How the document is named in messages: the file, with the record and its lines for JSON Lines.
    public var label: String {
        guard inputLine != nil || line != nil || record != nil else { return file }
        var parts: [String] = []
        if let record { parts.append("record \(record)") }
        if let inputLine { parts.append("input line \(inputLine)") }
        if let line { parts.append("output line \(line)") }
        return "\(file) (\(parts.joined(separator: ", ")))"
    }

    /// The line as JSON (no terminator).
    public func json() -> String {
        JSON.object([
            ("kind", JSON.string("document")),
            ("file", JSON.string(file)),
            ("record", record.map(JSON.string) ?? "null"),
            ("line", line.map(String.init) ?? "null"),
            ("input_line", inputLine.map(String.init) ?? "null"),
            ("edits", String(edits)),
            ("original_bytes", String(originalLength)), ("original_sha256", JSON.string(originalSHA256)),
            ("fixed_bytes", String(fixedLength)), ("fixed_sha256", JSON.string(fixedSHA256)),
        ])
    }

    init(fields: EditLogFields) throws(EditLogEntry.ReadError) {
        func count(_ key: String) throws(EditLogEntry.ReadError) -> Int {
            let value = try fields.required(key, try fields.int(key))
            guard value >= 0 else { throw EditLogEntry.ReadError(message: "`\(key)` is negative") }
            return value
        }
        func digest(_ key: String) throws(EditLogEntry.ReadError) -> String {
            let value = try fields.required(key, try fields.text(key))
            guard value.utf8.count == 64, value.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
                throw EditLogEntry.ReadError(message: "`\(key)` is not a SHA-256 in lowercase hexadecimal")
            }
            return value
        }
        self.init(file: try fields.required("file", try fields.text("file")), record: try fields.text("record"),
                  line: try fields.int("line"), inputLine: try fields.int("input_line"), edits: try count("edits"),
                  originalLength: try count("original_bytes"), originalSHA256: try digest("original_sha256"),
                  fixedLength: try count("fixed_bytes"), fixedSHA256: try digest("fixed_sha256"))
    }
}
