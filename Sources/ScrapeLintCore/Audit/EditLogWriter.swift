import Foundation

/// Writes an edit log: one JSON line per applied edit, in the order given. Used from one thread.
public final class EditLogWriter {
    public let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    /// Creates (or truncates) the log at `path`.
    public init(path: String) throws(ScrapeLintError) {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw .io(path: path, message: "cannot create the edit log")
        }
        self.handle = handle
    }

    public func write(_ entries: [EditLogEntry]) {
        for entry in entries {
            buffer += Array(entry.json().utf8)
            buffer.append(0x0A)
        }
        if buffer.count >= 1 << 16 { flush() }
    }

    public func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the log.
    public func close() {
        flush()
        try? handle.close()
    }
}
