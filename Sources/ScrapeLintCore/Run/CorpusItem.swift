/// One item of a corpus as the ``CorpusSource`` hands it out, before any work: a text file to read, a JSON
/// Lines line, or an input that could not be read (from that point on; the rest of the run goes on).
public enum CorpusItem: Sendable {
    case file(path: String)
    case record(LineReader.Line, path: String)
    case unreadable(ScrapeLintError)

    /// Where the item is: `PATH` for a file, `PATH:LINE` for a record.
    public var location: String {
        switch self {
        case .file(let path): return path
        case .record(let line, let path): return "\(path):\(line.number)"
        case .unreadable(let error):
            if case .io(let path, _) = error { return path }
            return ""
        }
    }
}
