extension JSONRecord {
    /// The value of the member `key` (a dot-separated path reaches into nested objects: ``value(atPath:)``)
    /// as text: a string decoded, any other value as written
    /// (a number, `true`); nil when the record has no such member or the string is malformed.
    public func text(of key: String) -> String? {
        guard let range = value(atPath: key) else { return nil }
        guard isString(range) else { return String(decoding: bytes[range], as: UTF8.self) }
        return (try? JSONRecord.decodeString(bytes[range])).map { String(decoding: $0, as: UTF8.self) }
    }
}

extension JSONRecord {
    /// The raw value that `path` names: the top-level member of that exact name when there is one, else
    /// the dot-separated path through nested objects (`meta.body` is the member `body` of the object in
    /// `meta`). The range is in the line's offsets, so that the value can be replaced in place at any depth.
    public func value(atPath path: String) -> Range<Int>? {
        if let range = value(of: path) { return range }
        let keys = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard keys.count > 1, !keys.contains(where: \.isEmpty) else { return nil }
        var object = self
        for key in keys.dropLast() {
            guard let range = object.value(of: key), bytes[range.lowerBound] == UInt8(ascii: "{"),
                  let nested = try? JSONRecord(bytes[range]) else { return nil }
            object = nested
        }
        return object.value(of: keys[keys.count - 1])
    }
}
