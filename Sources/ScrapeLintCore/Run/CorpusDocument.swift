import Foundation

/// One document of a corpus, ready for work: a text file's bytes, or a JSON Lines record's text field
/// decoded, with its name and group.
public struct CorpusDocument: Sendable {
    /// The input it came from.
    public let path: String
    /// Its line in that input (records), nil for a text file.
    public let line: Int?
    /// The record's id (`--id-field`), when it has one.
    public let id: String?
    public let text: [UInt8]
    /// The group it belongs to (`suggest --group-by`), empty when not grouped.
    public let group: String

    public init(path: String, line: Int? = nil, id: String? = nil, text: [UInt8], group: String = "") {
        self.path = path
        self.line = line
        self.id = id
        self.text = text
        self.group = group
    }

    /// `PATH` or `PATH:LINE`.
    public var location: String { line.map { "\(path):\($0)" } ?? path }

    /// How reports name it: the record's id, else its location.
    public var name: String { id ?? location }
}

/// Turns corpus items into documents: reads a text file, or decodes a record's text field (a dotted path
/// such as `meta.body` reaches into nested objects) and its id and group.
public struct CorpusDocumentReader: Sendable {
    /// How documents are grouped (`suggest --group-by`).
    public enum Grouping: Sendable, Equatable {
        case none
        /// A text file's folder.
        case folder
        /// A record field.
        case field(String)
    }

    public var field: String
    public var idField: String?
    public var grouping: Grouping

    public init(field: String = "text", idField: String? = "id", grouping: Grouping = .none) {
        self.field = field
        self.idField = idField
        self.grouping = grouping
    }

    /// What an item holds.
    public enum Entry: Sendable {
        case document(CorpusDocument)
        case bad(BadRecord)
        case unreadable(ScrapeLintError)
        /// An empty or blank line: no record.
        case blank
    }

    /// Reads `item` (on a worker: text files are read here).
    public func read(_ item: CorpusItem) -> Entry {
        switch item {
        case .unreadable(let error):
            return .unreadable(error)
        case .file(let path):
            do {
                let bytes = try FileAccess.read(path)
                return .document(CorpusDocument(path: path, text: bytes,
                                                group: grouping == .folder ? (path as NSString).deletingLastPathComponent : ""))
            } catch {
                return .unreadable(error)
            }
        case .record(let line, let path):
            if RecordProcessor.isBlank(line.content) { return .blank }
            switch RecordProcessor(field: field, idField: idField).text(of: line.content) {
            case .failure(let error):
                return .bad(BadRecord(path: path, line: line.number, message: error.message))
            case .success(let text):
                var group = ""
                if case .field(let name) = grouping {
                    guard let value = text.record.record.text(of: name) else {
                        return .bad(BadRecord(path: path, line: line.number, message: "the record has no field `\(name)` (or it is a malformed string)"))
                    }
                    group = value
                }
                return .document(CorpusDocument(path: path, line: line.number, id: text.id, text: text.bytes, group: group))
            }
        }
    }
}
