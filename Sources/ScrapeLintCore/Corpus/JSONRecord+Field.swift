extension JSONRecord {
    /// The value of the top-level member `key` as text: a string decoded, any other value as written
    /// (a number, `true`); nil when the record has no such member or the string is malformed.
    public func text(of key: String) -> String? {
        guard let range = value(of: key) else { return nil }
        guard isString(range) else { return String(decoding: bytes[range], as: UTF8.self) }
        return (try? JSONRecord.decodeString(bytes[range])).map { String(decoding: $0, as: UTF8.self) }
    }
}
