import ArgumentParser
import Foundation
import ScrapeLintCore

struct Revert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Undo fixes with the edit log they wrote (--edit-log), restoring the original bytes.",
        discussion: """
        Each edit in the log names the bytes it removed and what it left in their place; revert checks that \
        each replacement still stands where the log says and puts the removed bytes back.

        Without a path, every file the log names is restored in place (atomically), as after \
        `check --fix --edit-log`. With a path, that fixed text (the output of `clean --edit-log`) is \
        restored to standard output. With --jsonl, the path is cleaned JSON Lines: each record's text \
        field is restored (its value exactly; escapes are written as `clean` writes them), and records \
        without edits are copied byte for byte. Records dropped by --drop-empty cannot come back. \
        Exit status 0, or 2 when something could not be restored.

        Examples:
          scrapelint check --fix --edit-log edits.jsonl scraped/ && scrapelint revert --edit-log edits.jsonl
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

    func validate() throws {
        if jsonl && path == nil { throw ValidationError("--jsonl needs the cleaned JSON Lines file (or `-`).") }
    }

    func run() throws {
        defer { Output.flush() }
        let documents: [[EditLogEntry]]
        do { documents = try Revert.readLog(editLog) } catch {
            Output.error(error.report)
            throw ExitCode(Status.error)
        }
        let errors: Int
        if jsonl, let path {
            errors = revertRecords(path, documents: documents)
        } else if let path {
            errors = revertText(path, documents: documents)
        } else {
            errors = revertInPlace(documents)
        }
        Output.flush()
        if errors > 0 { throw ExitCode(Status.error) }
    }

    /// The log's entries grouped by document, in log order.
    static func readLog(_ path: String) throws(ScrapeLintError) -> [[EditLogEntry]] {
        var reader = try LineReader(path: path)
        defer { reader.close() }
        var documents: [[EditLogEntry]] = []
        while let batch = try reader.nextBatch() {
            for line in batch where !line.content.isEmpty {
                let entry: EditLogEntry
                do { entry = try EditLogEntry(json: line.content) } catch {
                    throw .io(path: "\(path):\(line.number)", message: "not an edit log entry: \(error.message)")
                }
                if let last = documents.last?.last, last.sameDocument(as: entry) {
                    documents[documents.count - 1].append(entry)
                } else {
                    documents.append([entry])
                }
            }
        }
        return documents
    }

    private func revertInPlace(_ documents: [[EditLogEntry]]) -> Int {
        var errors = 0
        var restored = 0
        for entries in documents {
            let file = entries[0].file
            guard entries[0].line == nil && entries[0].inputLine == nil, file != "-" else {
                Output.error("scrapelint: error: the log's edits of `\(file)` are of \(file == "-" ? "standard input" : "JSON Lines records"); give the fixed file: scrapelint revert --edit-log \(editLog) \(file == "-" ? "FIXED" : "--jsonl FIXED.jsonl")")
                errors += 1
                continue
            }
            do {
                let original = try Reverter.revert(try FileAccess.read(file), entries: entries)
                try FileAccess.replaceAtomically(file, with: original)
                restored += 1
            } catch let error as ScrapeLintError {
                Output.error(error.report)
                errors += 1
            } catch {
                Output.error("\(file): error: \(error); the file is left as it is")
                errors += 1
            }
        }
        Output.error("scrapelint: \(restored) file\(restored == 1 ? "" : "s") restored")
        return errors
    }

    private func revertText(_ path: String, documents: [[EditLogEntry]]) -> Int {
        let names = Set(documents.map { $0[0].file })
        guard documents.count <= 1, documents.allSatisfy({ $0[0].line == nil && $0[0].inputLine == nil }) else {
            Output.error("scrapelint: error: the log holds the edits of \(documents.count) documents (\(names.sorted().prefix(3).joined(separator: ", "))...); a fixed text is restored with the log of its own run (for records, use --jsonl)")
            return 1
        }
        do {
            let fixed = try FileAccess.read(path)
            Output.write(try Reverter.revert(fixed, entries: documents.first ?? []))
            return 0
        } catch let error as ScrapeLintError {
            Output.error(error.report)
        } catch {
            Output.error("\(path): error: \(error)")
        }
        return 1
    }

    private func revertRecords(_ path: String, documents: [[EditLogEntry]]) -> Int {
        var byLine: [Int: [EditLogEntry]] = [:]
        var dropped = 0
        for entries in documents {
            if let line = entries[0].line { byLine[line, default: []] += entries } else { dropped += 1 }
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
                    guard let entries = byLine.removeValue(forKey: line.number) else {
                        Output.write(Array(line.content) + Array(line.terminator))
                        continue
                    }
                    switch processor.revert(line.content, entries: entries) {
                    case .success(let original):
                        Output.write(original + Array(line.terminator))
                        restored += 1
                    case .failure(let error):
                        Output.error("\(path):\(line.number): error: \(error.message); the record is written as it is")
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
