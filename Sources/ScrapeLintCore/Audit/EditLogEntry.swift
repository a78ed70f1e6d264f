import Foundation

/// One line of an edit log: an applied edit of one document (a file, or a record of a JSON Lines corpus),
/// with the original bytes it removed, so that the fixed text can be turned back into the original.
public struct EditLogEntry: Hashable, Sendable {
    /// The file as given on the command line (`-` for standard input), or the JSON Lines input.
    public var file: String
    /// The record's id (JSON Lines; `nil` for a plain file or a record without one).
    public var record: String?
    /// The record's line in the cleaned JSON Lines output (`nil` for a plain file, or a record dropped).
    public var line: Int?
    /// The record's line in the JSON Lines input.
    public var inputLine: Int?
    public var edit: AppliedEdit
    /// Where the replacement starts in the fixed text.
    public var fixedStart: Int

    public init(file: String, record: String? = nil, line: Int? = nil, inputLine: Int? = nil, edit: AppliedEdit, fixedStart: Int) {
        self.file = file
        self.record = record
        self.line = line
        self.inputLine = inputLine
        self.edit = edit
        self.fixedStart = fixedStart
    }

    /// The entries of one document's edits, in order.
    public static func entries(_ edits: [AppliedEdit], file: String, record: String? = nil, line: Int? = nil,
                               inputLine: Int? = nil) -> [EditLogEntry] {
        var shift = 0
        return edits.map { edit in
            defer { shift += edit.replacement.count - edit.range.count }
            return EditLogEntry(file: file, record: record, line: line, inputLine: inputLine, edit: edit,
                                fixedStart: edit.range.lowerBound + shift)
        }
    }

    /// Whether two entries belong to the same document.
    public func sameDocument(as other: EditLogEntry) -> Bool {
        file == other.file && record == other.record && line == other.line && inputLine == other.inputLine
    }

    /// The entry as one line of JSON (no terminator). Bytes that are not valid UTF-8 are `null` with a
    /// `_base64` twin, as in the JSON report.
    public func json() -> String {
        var pairs: [(String, String)] = [
            ("kind", JSON.string("edit")),
            ("file", JSON.string(file)),
            ("record", record.map(JSON.string) ?? "null"),
            ("line", line.map(String.init) ?? "null"),
            ("input_line", inputLine.map(String.init) ?? "null"),
            ("rule", JSON.string(edit.rule)),
        ]
        if edit.rules.count > 1 { pairs.append(("rules", JSON.array(edit.rules.map(JSON.string)))) }
        pairs += [
            ("start_byte", String(edit.range.lowerBound)), ("end_byte", String(edit.range.upperBound)),
            ("fixed_start_byte", String(fixedStart)),
        ]
        pairs += JSON.lossless("removed", edit.removed[...])
        pairs += JSON.lossless("replacement", edit.replacement[...])
        return JSON.object(pairs)
    }

    /// Why a line of an edit log cannot be read.
    public struct ReadError: Error, Hashable, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Reads one line written by ``json()``. Strings are decoded by ``JSONRecord`` (byte for byte; Foundation's
    /// parser drops a U+FEFF inside a string).
    public init(json line: ArraySlice<UInt8>) throws(ReadError) {
        try self.init(fields: try EditLogFields(line))
    }

    init(fields: EditLogFields) throws(ReadError) {
        if let kind = fields.kind, kind != "edit" { throw ReadError(message: "a `\(kind)` line, not an edit") }
        func required<T>(_ key: String, _ value: T?) throws(ReadError) -> T { try fields.required(key, value) }
        func int(_ key: String) throws(ReadError) -> Int? { try fields.int(key) }
        func text(_ key: String) throws(ReadError) -> String? { try fields.text(key) }
        func bytes(_ key: String) throws(ReadError) -> [UInt8] { try fields.bytes(key) }
        func raw(_ key: String) -> ArraySlice<UInt8>? { fields.raw(key) }
        let start = try required("start_byte", try int("start_byte")), end = try required("end_byte", try int("end_byte"))
        guard start >= 0, end >= start else { throw ReadError(message: "bad byte range \(start)..<\(end)") }
        let removed = try bytes("removed")
        guard removed.count == end - start else { throw ReadError(message: "`removed` does not fill its byte range") }
        var rules = [try text("rule") ?? ""]
        if let list = raw("rules") {
            guard let array = try? JSONSerialization.jsonObject(with: Data(list)) as? [String] else {
                throw ReadError(message: "`rules` is not a list of strings")
            }
            rules = array
        }
        self.init(file: try required("file", try text("file")), record: try text("record"), line: try int("line"),
                  inputLine: try int("input_line"),
                  edit: AppliedEdit(range: start..<end, removed: removed, replacement: try bytes("replacement"), rules: rules),
                  fixedStart: try required("fixed_start_byte", try int("fixed_start_byte")))
    }
}
