/// ANSI colours for the human-readable formats, or none. Whether to colour is decided by the caller (the
/// command line looks at `--color`, `NO_COLOR`, `FORCE_COLOR` and whether standard output is a terminal).
public struct ANSIStyle: Sendable {
    public let enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    func bold(_ text: String) -> String { paint(text, "1") }
    func dim(_ text: String) -> String { paint(text, "2") }
    /// The gutter of an excerpt (line numbers and bars).
    func gutter(_ text: String) -> String { paint(text, "1;34") }
    /// Text in the colour of a severity.
    func severity(_ severity: Rule.Severity, _ text: String) -> String {
        switch severity {
        case .error: paint(text, "1;31")
        case .warning: paint(text, "1;33")
        case .info: paint(text, "1;36")
        }
    }

    private func paint(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
