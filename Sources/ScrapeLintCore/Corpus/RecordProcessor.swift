import Foundation

/// Cleans or checks the text field of JSON Lines records, leaving every other byte of a record as it was.
public struct RecordProcessor: Sendable {
    /// The string field holding the text; a dot-separated path (`meta.body`) reaches into nested objects
    /// (see ``JSONRecord/value(atPath:)``), as do `idField` and `ignoreField`.
    public let field: String
    /// The field holding the record id (string or number), used to name records in reports.
    public let idField: String?
    /// When set, the violations found are added to each cleaned record under this key; a record that
    /// already has a member of that name is an error (never overwritten).
    public let reportField: String?
    /// Records whose text is empty or only whitespace after cleaning (or already before) are dropped.
    public let dropEmpty: Bool
    /// A field listing, per record, the rules (ids, categories, `prefix-`, `ALL`) that neither report nor
    /// fix in that record: a JSON array of strings or one comma-separated string; absent or `null` for none.
    public let ignoreField: String?

    public init(field: String = "text", idField: String? = "id", reportField: String? = nil, dropEmpty: Bool = false,
                ignoreField: String? = nil) {
        self.field = field
        self.idField = idField
        self.reportField = reportField
        self.dropEmpty = dropEmpty
        self.ignoreField = ignoreField
    }

    /// A record that cannot be processed: not a JSON object, no such field, not a string.
    public struct RecordError: Error, Hashable, Sendable {
        public let message: String
    }

    /// A record's text, decoded, with the record's id.
    public struct Text: Sendable {
        public let record: JSONRecord.Parsed
        public let bytes: [UInt8]
        public let id: String?
        /// What the user should know about the record (a text field given more than once).
        public var warnings: [String] = []
        /// The rules this record's `ignoreField` turns off.
        public var ignoring: [RuleSelector] = []
    }

    /// Whether a line holds no record: empty or only spaces, tabs and CRs. Such lines are passed through,
    /// not taken as malformed records.
    public static func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// Scans a line and decodes its text field; the names of its `ignoreField` are read against `known`. A
    /// UTF-8 byte order mark before the record (the first line of a file saved with one) is not part of the
    /// JSON and is kept as it is.
    public func text(of line: ArraySlice<UInt8>, known: [Rule] = []) -> Result<Text, RecordError> {
        let record: JSONRecord
        let json = line.starts(with: [0xEF, 0xBB, 0xBF]) ? line.dropFirst(3) : line
        do { record = try JSONRecord(json) } catch { return .failure(RecordError(message: error.description)) }
        guard let range = record.value(atPath: field) else {
            return .failure(RecordError(message: "the record has no field `\(field)`"))
        }
        guard record.isString(range) else {
            return .failure(RecordError(message: "field `\(field)` is not a string"))
        }
        let bytes: [UInt8]
        do { bytes = try JSONRecord.decodeString(line[range]) } catch {
            return .failure(RecordError(message: error.description))
        }
        var text = Text(record: JSONRecord.Parsed(record, field: range), bytes: bytes, id: id(of: record))
        let copies = record.count(of: field)
        if copies > 1 { text.warnings = ["field `\(field)` appears \(copies) times; the last one, which JSON parsers read, is the text"] }
        if let ignoreField, let value = record.value(atPath: ignoreField) {
            switch ignores(Data(line[value]), known: known) {
            case .failure(let error): return .failure(error)
            case .success(let selectors): text.ignoring = selectors
            }
        }
        return .success(text)
    }

    /// The selectors of an `ignoreField` value.
    private func ignores(_ raw: Data, known: [Rule]) -> Result<[RuleSelector], RecordError> {
        let value = try? JSONSerialization.jsonObject(with: raw, options: .fragmentsAllowed)
        let names: [String]
        switch value {
        case is NSNull: names = []
        case let text as String: names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case let list as [Any] where list.allSatisfy({ $0 is String }): names = list.map { $0 as! String }
        default: return .failure(RecordError(message: "field `\(ignoreField ?? "")` must be a list of rule ids or categories (strings)"))
        }
        var selectors: [RuleSelector] = []
        for name in names {
            do { selectors.append(try RuleSelector(name, rules: known)) } catch {
                return .failure(RecordError(message: "field `\(ignoreField ?? "")`: \(error.description)"))
            }
        }
        return .success(selectors)
    }

    private func id(of record: JSONRecord) -> String? {
        guard let idField, let range = record.value(atPath: idField) else { return nil }
        let raw = record.bytes[range]
        if record.isString(range), let decoded = try? JSONRecord.decodeString(raw) {
            return String(decoding: decoded, as: UTF8.self)
        }
        return String(decoding: raw, as: UTF8.self)
    }

    /// What cleaning a record produced.
    public struct Cleaned: Sendable {
        /// The output line without terminator; nil when the record is dropped as empty.
        public let line: [UInt8]?
        public let changed: Bool
        public let id: String?
        public let outcome: Fixer.Outcome
        /// The text as it was in the record.
        public let text: [UInt8]
        public var textBytes: Int { text.count }
        /// Set for a dropped record whose text was empty or only whitespace before cleaning.
        public var wasBlank = false
        /// See ``Text/warnings``.
        public var warnings: [String] = []
    }

    /// Cleans the text field of `line` with `fixer` and splices the result back.
    public func clean(_ line: ArraySlice<UInt8>, fixer: Fixer) -> Result<Cleaned, RecordError> {
        let text: Text
        switch self.text(of: line, known: fixer.checker.ruleSet.known) {
        case .failure(let error): return .failure(error)
        case .success(let value): text = value
        }
        // The report goes into a field of its own: never over the text, the id or any field the record has.
        if let reportField, text.record.record.value(of: reportField) != nil {
            return .failure(RecordError(message: "the record already has a field `\(reportField)`, which --report-field would overwrite"))
        }
        let outcome = fixer.fix(text.bytes, ignoring: text.ignoring)
        let changed = outcome.bytes != text.bytes
        func isBlank(_ bytes: [UInt8]) -> Bool { bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } }
        if dropEmpty && isBlank(outcome.bytes) {
            var dropped = Cleaned(line: nil, changed: changed, id: text.id, outcome: outcome, text: text.bytes)
            dropped.wasBlank = isBlank(text.bytes)
            dropped.warnings = text.warnings
            return .success(dropped)
        }
        guard reportField != nil || !changed else {
            // The common case: the text replaced in place, encoded straight into the output line.
            let field = text.record.field
            var output: [UInt8] = []
            output.reserveCapacity(line.count + outcome.bytes.count - text.bytes.count + 64)
            output.append(contentsOf: line[line.startIndex..<field.lowerBound])
            JSONRecord.appendEncoded(outcome.bytes, to: &output)
            output.append(contentsOf: line[field.upperBound...])
            var cleaned = Cleaned(line: output, changed: changed, id: text.id, outcome: outcome, text: text.bytes)
            cleaned.warnings = text.warnings
            return .success(cleaned)
        }
        var replacements: [(Range<Int>, [UInt8])] = []
        if changed { replacements.append((text.record.field, JSONRecord.encodeString(outcome.bytes))) }
        if let reportField {
            let report = Array(RecordProcessor.reportJSON(outcome.initial, text: text.bytes).utf8)
            let brace = text.record.record.closingBrace
            let separator = text.record.record.members.isEmpty ? "" : ","
            replacements.append((brace..<brace, Array("\(separator)\(JSON.string(reportField)):".utf8) + report))
        }
        let output = RecordProcessor.splice(line, replacements)
        var cleaned = Cleaned(line: output, changed: changed, id: text.id, outcome: outcome, text: text.bytes)
        cleaned.warnings = text.warnings
        return .success(cleaned)
    }

    /// The violations of a check as a JSON array: rule id, byte range in the text, matched text.
    static func reportJSON(_ result: CheckResult, text: [UInt8]) -> String {
        JSON.array(result.violations.map { violation in
            JSON.object([
                ("rule", JSON.string(violation.ruleID)),
                ("start", String(violation.range.lowerBound)), ("end", String(violation.range.upperBound)),
                ("text", String(decoding: JSONRecord.encodeString(Array(text[violation.range])), as: UTF8.self)),
            ])
        })
    }

    static func splice(_ line: ArraySlice<UInt8>, _ replacements: [(Range<Int>, [UInt8])]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(line.count + 64)
        var cursor = line.startIndex
        for (range, bytes) in replacements.sorted(by: { $0.0.lowerBound < $1.0.lowerBound }) {
            output.append(contentsOf: line[cursor..<range.lowerBound])
            output.append(contentsOf: bytes)
            cursor = range.upperBound
        }
        output.append(contentsOf: line[cursor...])
        return output
    }
}

extension JSONRecord {
    /// A scanned record with the range of its text field's raw value.
    public struct Parsed: @unchecked Sendable {
        public let record: JSONRecord
        public let field: Range<Int>

        init(_ record: JSONRecord, field: Range<Int>) {
            self.record = record
            self.field = field
        }
    }
}
