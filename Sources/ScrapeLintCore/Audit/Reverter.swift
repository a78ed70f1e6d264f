/// Turns fixed text back into the original with the edit log's entries of that text.
public enum Reverter {
    /// Why a text cannot be reverted.
    public struct Mismatch: Error, Hashable, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// The original text: each entry's replacement (checked to stand at its place in `fixed`) swapped
    /// back for the bytes it removed. `entries` are one document's, in log order.
    public static func revert(_ fixed: [UInt8], entries: [EditLogEntry]) throws(Mismatch) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(fixed.count + entries.reduce(0) { $0 + $1.edit.removed.count })
        var cursor = 0
        for entry in entries {
            let start = entry.fixedStart, end = entry.fixedStart + entry.edit.replacement.count
            guard start >= cursor, end <= fixed.count, fixed[start..<end].elementsEqual(entry.edit.replacement) else {
                throw Mismatch(message: "the text at byte \(start) is not what the edit log says rule `\(entry.edit.rule)` left there; was it changed after fixing?")
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
    /// A cleaned record's line with its text field reverted by `entries` (the record's edit log entries):
    /// the field is decoded, reverted, re-encoded and spliced back; every other byte stays as it is.
    public func revert(_ line: ArraySlice<UInt8>, entries: [EditLogEntry]) -> Result<[UInt8], RecordError> {
        let text: Text
        switch self.text(of: line) {
        case .failure(let error): return .failure(error)
        case .success(let value): text = value
        }
        do {
            let original = try Reverter.revert(text.bytes, entries: entries)
            return .success(RecordProcessor.splice(line, [(text.record.field, JSONRecord.encodeString(original))]))
        } catch {
            return .failure(RecordError(message: error.message))
        }
    }
}
