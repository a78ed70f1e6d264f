extension Diagnostic {
    /// "`what` is not valid UTF-8", at the first byte that is not (`bytes` being the file's).
    init(notUTF8 bytes: [UInt8], path: String, what: String) {
        let document = Document(bytes)
        let first = document.validSegments.first.map { $0.lowerBound == 0 ? $0.upperBound : 0 } ?? 0
        let position = document.position(of: first)
        self.init(path: path, line: position.line, column: position.column, message: "\(what) is not valid UTF-8")
    }
}
