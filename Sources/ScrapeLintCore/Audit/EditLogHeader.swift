/// The first line of an edit log: its format and the folder the run was made in (relative paths of the log
/// are relative to it; `revert` restores files under it only).
public struct EditLogHeader: Hashable, Sendable {
    /// The format written by this version. Format 1 (no header, no document lines) cannot be verified.
    public static let currentFormat = 2

    public var format: Int
    /// The absolute working folder of the run that wrote the log.
    public var folder: String
    /// The version of scrapelint that wrote it.
    public var version: String

    public init(format: Int = EditLogHeader.currentFormat, folder: String, version: String = ScrapeLintVersion.current) {
        self.format = format
        self.folder = folder
        self.version = version
    }

    public func json() -> String {
        JSON.object([
            ("kind", JSON.string("edit-log")), ("format", String(format)),
            ("folder", JSON.string(folder)), ("scrapelint", JSON.string(version)),
        ])
    }

    init(fields: EditLogFields) throws(EditLogEntry.ReadError) {
        let format = try fields.required("format", try fields.int("format"))
        guard format == EditLogHeader.currentFormat else {
            throw EditLogEntry.ReadError(message: "edit log format \(format); this version reads format \(EditLogHeader.currentFormat)")
        }
        self.init(format: format, folder: try fields.required("folder", try fields.text("folder")),
                  version: try fields.text("scrapelint") ?? "")
    }
}
