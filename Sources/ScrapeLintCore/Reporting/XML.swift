/// Minimal XML text building for the XML report formats.
enum XML {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

    /// `text` escaped for an attribute value or element content. Characters XML 1.0 cannot carry (most
    /// control characters) become U+FFFD; line breaks and tabs are kept as character references so that
    /// attribute values keep them.
    static func escape(_ text: String) -> String {
        text.replacingScalars { scalar in
            entities[scalar] ?? (scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF ? "\u{FFFD}" : nil)
        }
    }

    private static let entities: [Unicode.Scalar: String] = [
        "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&apos;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;",
    ]

    /// An element with attributes (values escaped here), empty or wrapping already-built `content`.
    static func element(_ name: String, _ attributes: [(String, String)], content: String? = nil) -> String {
        let head = "<" + name + attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
        guard let content else { return head + "/>" }
        return head + ">" + content + "</" + name + ">"
    }
}
