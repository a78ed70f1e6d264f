import ScrapeLintCore

/// Where `clean --jsonl` writes its records: standard output or `--output FILE`, compressed with gzip or
/// zstd when the file's name ends in `.gz` / `.zst` or `--compress` asks. ``written`` counts the bytes that
/// really reached the system (for compressed output: up to the last flushed block, one per batch).
final class RecordOutput {
    private let writer: CheckedWriter
    private let compressor: CompressingWriter?
    private let ownsWriter: Bool

    init(path: String?, compression: CompressingWriter.Format?) throws(ScrapeLintError) {
        let owned = path != nil && path != "-"
        let writer = owned ? try CheckedWriter.create(path!) : Output.standardOutput
        self.writer = writer
        ownsWriter = owned
        if let compression {
            compressor = try CompressingWriter(compression, to: writer, closesOutput: owned)
        } else {
            compressor = nil
        }
    }

    /// For messages: the file's path, or `standard output`.
    var name: String { writer.name }

    /// The failure of any write so far.
    var failure: ScrapeLintError? { compressor?.failure ?? writer.failure }

    func write(_ bytes: some Collection<UInt8>) {
        // A failure is kept and reported by finish().
        if let compressor { try? compressor.write(bytes) } else { try? writer.write(bytes) }
    }

    /// Bytes accepted (uncompressed).
    var queued: Int { compressor?.queued ?? writer.queued }

    /// Bytes that reached the system (uncompressed, for compressed output at the last block's end).
    var written: Int { compressor?.written ?? writer.written }

    /// The end of a batch: a compressed output ends a block, so that its records count as written.
    func endBatch() {
        if let compressor { try? compressor.flush() }
    }

    /// Ends the stream (and closes the file); the first failure of any write, if any.
    func finish() -> ScrapeLintError? {
        do throws(ScrapeLintError) {
            if let compressor { try compressor.close() } else if ownsWriter { try writer.close() } else { try writer.flush() }
        } catch {
            return error
        }
        return nil
    }
}
