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

    /// Reads one line written by ``json()``.
    public init(json line: ArraySlice<UInt8>) throws(ReadError) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
            throw ReadError(message: "not a JSON object")
        }
        func int(_ key: String) throws(ReadError) -> Int {
            guard let value = object[key] as? Int else { throw ReadError(message: "`\(key)` is missing or not a number") }
            return value
        }
        func bytes(_ key: String) throws(ReadError) -> [UInt8] {
            if let encoded = object[key + "_base64"] as? String {
                guard let data = Data(base64Encoded: encoded) else { throw ReadError(message: "`\(key)_base64` is not base64") }
                return Array(data)
            }
            guard let text = object[key] as? String else { throw ReadError(message: "`\(key)` is missing or not a string") }
            return Array(text.utf8)
        }
        guard let file = object["file"] as? String else { throw ReadError(message: "`file` is missing or not a string") }
        let rule = object["rule"] as? String ?? ""
        let start = try int("start_byte"), end = try int("end_byte")
        guard start >= 0, end >= start else { throw ReadError(message: "bad byte range \(start)..<\(end)") }
        let removed = try bytes("removed")
        guard removed.count == end - start else { throw ReadError(message: "`removed` does not fill its byte range") }
        self.init(file: file, record: object["record"] as? String, line: object["line"] as? Int,
                  inputLine: object["input_line"] as? Int,
                  edit: AppliedEdit(range: start..<end, removed: removed, replacement: try bytes("replacement"),
                                    rules: object["rules"] as? [String] ?? [rule]),
                  fixedStart: try int("fixed_start_byte"))
    }
}
