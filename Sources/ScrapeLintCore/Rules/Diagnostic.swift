/// A problem found in a rule file, pointing at `path:line:col` (1-based; 1:1 when no position is known).
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let column: Int
    public let message: String

    public init(path: String, line: Int, column: Int, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(path):\(line):\(column): \(message)" }
}

extension Diagnostic {
    /// "`what` is not valid UTF-8", at the first byte that is not (`bytes` being the file's).
    init(notUTF8 bytes: [UInt8], path: String, what: String) {
        let document = Document(bytes)
        let first = document.validSegments.first.map { $0.lowerBound == 0 ? $0.upperBound : 0 } ?? 0
        let position = document.position(of: first)
        self.init(path: path, line: position.line, column: position.column, message: "\(what) is not valid UTF-8")
    }
}
