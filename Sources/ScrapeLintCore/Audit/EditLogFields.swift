import Foundation

/// The fields of one edit log line, read strictly: each accessor says what is wrong with its field.
struct EditLogFields {
    let line: ArraySlice<UInt8>
    let record: JSONRecord

    init(_ line: ArraySlice<UInt8>) throws(EditLogEntry.ReadError) {
        self.line = line
        do { record = try JSONRecord(line) } catch { throw EditLogEntry.ReadError(message: error.description) }
    }

    /// The raw value of `key`; nil when missing or `null`.
    func raw(_ key: String) -> ArraySlice<UInt8>? {
        guard let range = record.value(of: key) else { return nil }
        let value = line[range]
        return value.elementsEqual("null".utf8) ? nil : value
    }

    func string(_ key: String) throws(EditLogEntry.ReadError) -> [UInt8]? {
        guard let value = raw(key) else { return nil }
        guard value.first == UInt8(ascii: "\"") else { throw EditLogEntry.ReadError(message: "`\(key)` is not a string") }
        do { return try JSONRecord.decodeString(value) } catch { throw EditLogEntry.ReadError(message: error.description) }
    }

    func text(_ key: String) throws(EditLogEntry.ReadError) -> String? {
        try string(key).map { String(decoding: $0, as: UTF8.self) }
    }

    func int(_ key: String) throws(EditLogEntry.ReadError) -> Int? {
        guard let value = raw(key) else { return nil }
        guard let number = Int(String(decoding: value, as: UTF8.self)) else {
            throw EditLogEntry.ReadError(message: "`\(key)` is not a whole number")
        }
        return number
    }

    func required<T>(_ key: String, _ value: T?) throws(EditLogEntry.ReadError) -> T {
        guard let value else { throw EditLogEntry.ReadError(message: "`\(key)` is missing") }
        return value
    }

    /// Bytes stored as a string, or as `KEY_base64` when they are not valid UTF-8.
    func bytes(_ key: String) throws(EditLogEntry.ReadError) -> [UInt8] {
        if let encoded = try text(key + "_base64") {
            guard let data = Data(base64Encoded: encoded) else { throw EditLogEntry.ReadError(message: "`\(key)_base64` is not base64") }
            return Array(data)
        }
        return try required(key, try string(key))
    }

    /// The line's `kind`: `edit-log` (the header), `document` or `edit`.
    var kind: String? { try? text("kind") }
}
