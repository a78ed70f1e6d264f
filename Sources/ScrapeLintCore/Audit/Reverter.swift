/// Turns a fixed document back into the original with its edit log entries, only when the document is
/// exactly what the fix wrote.
public enum Reverter {
    /// Why a document is not restored.
    public enum Refusal: Error, Hashable, Sendable, CustomStringConvertible {
        /// Its bytes are not the fixed ones the log names (changed since, or another document).
        case notTheFixedText(length: Int, sha256: String)
        /// Its bytes are already the original ones (reverted before, or the fix was never written).
        case alreadyOriginal
        /// The log's edits do not turn the fixed bytes into the original ones (a damaged or crafted log).
        case inconsistentLog(String)

        public var description: String {
            switch self {
            case .notTheFixedText(let length, let sha256):
                return "its bytes are not those the fix wrote (\(length) bytes, SHA-256 \(sha256.prefix(16))...): changed since fixing, or not the fixed document; left as it is"
            case .alreadyOriginal:
                return "already as it was before fixing; left as it is"
            case .inconsistentLog(let message):
                return "the edit log does not restore it (\(message)); left as it is"
            }
        }
    }

    /// The original of `current`, which must be exactly the fixed document `document` names; the result is
    /// checked against the original's length and SHA-256.
    public static func revert(_ current: [UInt8], document: EditLogDocument, entries: [EditLogEntry]) throws(Refusal) -> [UInt8] {
        guard document.isFixed(current) else {
            if document.isOriginal(current) { throw .alreadyOriginal }
            throw .notTheFixedText(length: document.fixedLength, sha256: document.fixedSHA256)
        }
        let original = try apply(entries, to: current)
        guard document.isOriginal(original) else { throw .inconsistentLog("the result is not the original's length and SHA-256") }
        return original
    }

    /// Each entry's replacement (checked to stand at its place in `fixed`) swapped back for the bytes it
    /// removed. `entries` are one document's, in log order.
    static func apply(_ entries: [EditLogEntry], to fixed: [UInt8]) throws(Refusal) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(fixed.count + entries.reduce(0) { $0 + $1.edit.removed.count })
        var cursor = 0
        for entry in entries {
            let start = entry.fixedStart, end = entry.fixedStart + entry.edit.replacement.count
            guard start >= cursor, end <= fixed.count, fixed[start..<end].elementsEqual(entry.edit.replacement) else {
                throw .inconsistentLog("the replacement of rule `\(entry.edit.rule)` is not at byte \(start)")
            }
            output += fixed[cursor..<start]
            output += entry.edit.removed
            cursor = end
        }
        output += fixed[cursor...]
        return output
    }
}

extension RecordProcessor {
    /// A cleaned record's line with its text field reverted by `entries` (the record's edit log entries),
    /// when the field's value is exactly the fixed text `document` names: the field is decoded, reverted,
    /// re-encoded and spliced back; every other byte stays as it is.
    public func revert(_ line: ArraySlice<UInt8>, document: EditLogDocument, entries: [EditLogEntry]) -> Result<[UInt8], RecordError> {
        let text: Text
        switch self.text(of: line) {
        case .failure(let error): return .failure(error)
        case .success(let value): text = value
        }
        do {
            let original = try Reverter.revert(text.bytes, document: document, entries: entries)
            return .success(RecordProcessor.splice(line, [(text.record.field, JSONRecord.encodeString(original))]))
        } catch {
            return .failure(RecordError(message: error.description))
        }
    }
}
