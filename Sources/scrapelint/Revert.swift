import ArgumentParser
import Foundation
import ScrapeLintCore

struct Revert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Undo fixes with the edit log they wrote (--edit-log), restoring the original bytes.",
        discussion: """
        The log names each fixed document with its length and SHA-256 before and after fixing. A document \
        is restored only when its current bytes are exactly the fixed ones; one already back to its \
        original bytes is left alone (a second revert changes nothing); anything else is refused with an \
        error naming it.

        Without a path, every file the log names is restored in place (atomically), as after \
        `check --fix --edit-log`, under the folder the log was written in (or --folder): a file whose \
        path leads outside that folder (an absolute path elsewhere, `..`, a link out) is refused. With a \
        path, that fixed text (the output of `clean --edit-log`) is restored to standard output. With \
        --jsonl, the path is cleaned JSON Lines: each record's text field is restored (its value exactly; \
        escapes are written as `clean` writes them), and records without edits are copied byte for byte. \
        Records dropped by --drop-empty cannot come back. Exit status 0, or 2 when anything was refused.

        Examples:
          scrapelint check --fix --edit-log edits.jsonl scraped/ && scrapelint revert --edit-log edits.jsonl
          scrapelint revert --edit-log edits.jsonl --folder /backup/copy-of-the-tree
          scrapelint clean --edit-log edits.jsonl page.txt > page.clean.txt
          scrapelint revert --edit-log edits.jsonl page.clean.txt > page.txt
          scrapelint revert --edit-log edits.jsonl --jsonl corpus.clean.jsonl > corpus.jsonl
        """
    )

    @Option(name: .customLong("edit-log"), help: ArgumentHelp("The edit log written by --edit-log.", valueName: "file"))
    var editLog: String

    @Argument(help: ArgumentHelp("A fixed text (or with --jsonl cleaned JSON Lines) to restore to standard output; none: restore the logged files in place.", valueName: "path"))
    var path: String?

    @Flag(help: "The path is cleaned JSON Lines: restore each record's text field.")
    var jsonl = false

    @Option(help: ArgumentHelp("The string field holding the text (with --jsonl).", valueName: "name"))
    var field = "text"

    @Option(help: ArgumentHelp("Restore the files under this folder instead of the one the log was written in (in place only); nothing outside it is touched.", valueName: "folder"))
    var folder: String?

    func validate() throws {
        if jsonl && path == nil { throw ValidationError("--jsonl needs the cleaned JSON Lines file (or `-`).") }
        if folder != nil && path != nil { throw ValidationError("--folder is for restoring files in place (no path).") }
    }

    func run() throws {
        defer { Output.flush() }
        let log: EditLog
        do { log = try Revert.readLog(editLog) } catch {
            Output.error(error.report)
            throw ExitCode(Status.error)
        }
        let errors: Int
        if jsonl, let path {
            errors = revertRecords(path, documents: log.documents)
        } else if let path {
            errors = revertText(path, documents: log.documents)
        } else {
            errors = revertInPlace(log)
        }
        Output.flush()
        if let status = Interruption.exitStatus { throw ExitCode(status) }
        if errors > 0 { throw ExitCode(Status.error) }
    }

    /// The log, its structure checked (see ``EditLogReader``).
    static func readLog(_ path: String) throws(ScrapeLintError) -> EditLog {
        var reader = try LineReader(path: path)
        defer { reader.close() }
        var log = EditLogReader()
        var last = 0
        while let batch = try reader.nextBatch() {
            for line in batch {
                last = line.number
                do { try log.read(line.content, number: line.number) } catch {
                    throw .io(path: "\(path):\(line.number)", message: "not a valid edit log line: \(error.message)")
                }
            }
        }
        do { return try log.finish() } catch { throw .io(path: "\(path):\(last)", message: "incomplete edit log: \(error.message)") }
    }

    /// The resolved path of `file` when it lies inside `base` (both resolved, links followed), else nil.
    static func contained(_ file: String, in base: String) -> String? {
        let candidate = file.hasPrefix("/") ? file : base + "/" + file
        guard let resolvedBase = realpath(base, nil), let resolved = realpath(candidate, nil) else { return nil }
        defer { free(resolvedBase); free(resolved) }
        let root = String(cString: resolvedBase), target = String(cString: resolved)
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return target.hasPrefix(prefix) ? target : nil
    }

    private func revertInPlace(_ log: EditLog) -> Int {
        let base = folder ?? log.header.folder
        var refused = 0, restored = 0, unchanged = 0
        Interruption.catchSignals()
        for entry in log.documents where !Interruption.requested {
            let document = entry.document
            let file = document.file
            guard document.line == nil && document.inputLine == nil, file != "-" else {
                Output.error("scrapelint: error: the log's edits of `\(file)` are of \(file == "-" ? "standard input" : "JSON Lines records"); give the fixed file: scrapelint revert --edit-log \(editLog) \(file == "-" ? "FIXED" : "--jsonl FIXED.jsonl")")
                refused += 1
                continue
            }
            guard let target = Revert.contained(file, in: base) else {
                Output.error(ScrapeLintError.io(path: file, message: "not under the folder \(base) (or missing); not restored (--folder names another folder)").report)
                refused += 1
                continue
            }
            do {
                let current = try FileAccess.read(target)
                let original = try Reverter.revert(current, document: document, entries: entry.edits)
                try FileAccess.replaceAtomically(target, with: original)
                restored += 1
            } catch let error as ScrapeLintError {
                Output.error(error.report)
                refused += 1
            } catch Reverter.Refusal.alreadyOriginal {
                Output.error("\(file): note: \(Reverter.Refusal.alreadyOriginal.description)")
                unchanged += 1
            } catch {
                Output.error("\(file): error: \(error)")
                refused += 1
            }
        }
        var summary = "scrapelint: \(restored) file\(restored == 1 ? "" : "s") restored"
        if unchanged > 0 { summary += ", \(unchanged) already as \(unchanged == 1 ? "it was" : "they were")" }
        if refused > 0 { summary += ", \(refused) refused" }
        if Interruption.requested { summary += "; interrupted: the files after these are left as they are" }
        Output.error(summary)
        return refused
    }

    private func revertText(_ path: String, documents: [EditLog.Entry]) -> Int {
        let names = Set(documents.map(\.document.file))
        guard documents.count <= 1, documents.allSatisfy({ $0.document.line == nil && $0.document.inputLine == nil }) else {
            Output.error("scrapelint: error: the log holds the edits of \(documents.count) documents (\(names.sorted().prefix(3).joined(separator: ", "))...); a fixed text is restored with the log of its own run (for records, use --jsonl)")
            return 1
        }
        do {
            let fixed = try FileAccess.read(path)
            guard let entry = documents.first else {
                Output.write(fixed)
                return 0
            }
            do {
                Output.write(try Reverter.revert(fixed, document: entry.document, entries: entry.edits))
            } catch .alreadyOriginal {
                Output.error("\(path): note: \(Reverter.Refusal.alreadyOriginal.description)")
                Output.write(fixed)
            } catch {
                Output.error("\(path): error: \(error.description)")
                return 1
            }
            return 0
        } catch {
            Output.error(error.report)
        }
        return 1
    }

    private func revertRecords(_ path: String, documents: [EditLog.Entry]) -> Int {
        var byLine: [Int: EditLog.Entry] = [:]
        var dropped = 0
        for entry in documents {
            if let line = entry.document.line { byLine[line] = entry } else { dropped += 1 }
        }
        var reader: LineReader
        do { reader = try LineReader(path: path) } catch {
            Output.error(error.report)
            return 1
        }
        defer { reader.close() }
        let processor = RecordProcessor(field: field, idField: nil)
        var errors = 0
        var restored = 0
        do {
            while let batch = try reader.nextBatch() {
                for line in batch {
                    guard let entry = byLine.removeValue(forKey: line.number) else {
                        Output.write(Array(line.content) + Array(line.terminator))
                        continue
                    }
                    switch processor.revert(line.content, document: entry.document, entries: entry.edits) {
                    case .success(let original):
                        Output.write(original + Array(line.terminator))
                        restored += 1
                    case .failure(let error):
                        Output.error("\(path):\(line.number): error: \(entry.document.label): \(error.message); the record is written as it is")
                        Output.write(Array(line.content) + Array(line.terminator))
                        errors += 1
                    }
                }
            }
        } catch {
            Output.error(error.report)
            return errors + 1
        }
        for line in byLine.keys.sorted() {
            Output.error("\(path): error: the log has edits for line \(line), which the file does not have")
            errors += 1
        }
        var summary = "scrapelint: \(restored) record\(restored == 1 ? "" : "s") restored"
        if dropped > 0 { summary += "; \(dropped) dropped as empty when cleaned cannot be restored" }
        Output.error(summary)
        return errors
    }
}
