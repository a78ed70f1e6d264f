import Foundation
import Testing

/// `clean --jsonl --report-field NAME` never replaces a field (issue 11, item 4).
@Suite struct ReportFieldTests {
    @Test func theTextOrIdFieldIsAUsageError() throws {
        for arguments in [["--report-field", "text"], ["--report-field", "id"], ["--field", "body", "--report-field", "body"],
                          ["--id-field", "url", "--report-field", "url"]] {
            // The input does not exist: the usage error comes before anything is read.
            let result = try CLI.run(["clean", "--jsonl"] + arguments + ["missing.jsonl"])
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains("--report-field \(arguments.last!) is also the"), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func anExistingFieldIsARecordErrorNeverOverwritten() throws {
        let records = [#"{"id":1,"text":"Advertisement\nKept.\n","removed":"mine"}"#, #"{"id":2,"text":"Clean.\n"}"#].joined(separator: "\n") + "\n"
        let input = Data(records.utf8)
        let fail = try CLI.run(["clean", "--jsonl", "--quiet", "--report-field", "removed", "-"], stdin: input)
        #expect(fail.status == 2)
        #expect(fail.stderr.contains("-:1: error: the record already has a field `removed`"), "\(fail.stderr)")
        #expect(fail.stdout.isEmpty)
        let keep = try CLI.run(["clean", "--jsonl", "--quiet", "--on-error", "keep", "--report-field", "removed", "-"], stdin: input)
        #expect(keep.status == 0, "\(keep.stderr)")
        let lines = keep.out.split(separator: "\n")
        #expect(lines.first == #"{"id":1,"text":"Advertisement\nKept.\n","removed":"mine"}"#)
        #expect(lines.last == #"{"id":2,"text":"Clean.\n","removed":[]}"#)
    }
}
