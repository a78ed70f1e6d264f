import Foundation
import ScrapeLintCore
import Testing

/// Reporters on hand-made violations: what the fixtures do not reach (control characters, wide
/// characters, invalid bytes inside a match, long multi-line matches).
@Suite struct ReporterTests {
    static let rules = try! ruleSet(ruleFile("pattern: 'x'"))

    func report(_ bytes: [UInt8], _ range: Range<Int>, format: ReportFormat, fix: Fix? = nil, record: String? = nil) -> String {
        let violation = Violation(ruleIndex: 0, ruleID: "test-rule", severity: .warning, range: range, message: "m", fix: fix)
        var reporter = format.makeReporter(ruleSet: Self.rules)
        return reporter.report(FileReport(path: "p.txt", document: Document(bytes), violations: [violation], recordID: record))
            + reporter.finish(RunSummary())
    }

    @Test func excerptMakesControlsVisibleExpandsTabsAndCountsWideCharacters() {
        let text = Array("a\tb\u{1B}[31m 漢字X\n".utf8)
        let start = text.firstIndex(of: 0xE6)!
        #expect(report(text, start..<(text.count - 1), format: .text) == """
        p.txt:1:10: warning: m [test-rule]
         1 | a   b␛[31m 漢字X
           |            ^^^^^

        No violations in 0 files.

        """)
    }

    @Test func controlCharactersInMessagesAreShownNotSent() {
        let violation = Violation(ruleIndex: 0, ruleID: "test-rule", severity: .warning, range: 0..<1, message: "a\u{1B}[2Jb\nc", fix: nil)
        var reporter = ConciseReporter()
        #expect(reporter.report(FileReport(path: "p\u{7F}.txt", document: Document(Array("x\n".utf8)), violations: [violation]))
            == "p\u{2421}.txt:1:1: warning: a\u{241B}[2Jb\u{240A}c [test-rule]\n")
    }

    @Test func excerptOfALongMatchShowsThreeLines() {
        let text = Array("one\ntwo\nthree\nfour\nfive\n".utf8)
        #expect(report(text, 0..<(text.count - 1), format: .text) == """
        p.txt:1:1: warning: m [test-rule]
         1 | one
           | ^^^
         2 | two
           | ^^^
         3 | three
           | ^^^^^
           | ...

        No violations in 0 files.

        """)
    }

    @Test func invalidBytesAreCarriedAsBase64() {
        let bytes: [UInt8] = [0x41, 0xFF, 0x42, 0x0A]
        let fix = Fix(edits: [Edit(range: 0..<3, replacement: [0xFE])])
        let json = report(bytes, 0..<3, format: .jsonl, fix: fix, record: "r1")
        #expect(json.contains(#""record":"r1""#))
        #expect(json.contains(#""text":null,"text_base64":"Qf9C""#))
        #expect(json.contains(#""replacement":null,"replacement_base64":"/g==""#))
        let sarif = report(bytes, 0..<3, format: .sarif, fix: fix)
        #expect(sarif.contains(#""binary": "Qf9C""#))
        #expect(report(bytes, 0..<3, format: .text).contains(" 1 | A\u{FFFD}B\n"))
    }

    @Test func xmlAndWorkflowCommandsEscape() {
        let violation = Violation(ruleIndex: 0, ruleID: "test-rule", severity: .info, range: 0..<1, message: "a<b & \"c\",\n50%: d\u{01}", fix: nil)
        let file = FileReport(path: "dir,x/p:1.txt", document: Document(Array("x\n".utf8)), violations: [violation])
        var github = GitHubReporter()
        #expect(github.report(file) == "::notice title=scrapelint (test-rule),file=dir%2Cx/p%3A1.txt,line=1,col=1,endLine=1,endColumn=2::a<b & \"c\",%0A50%25: d\u{2401} [test-rule]\n")
        var checkstyle = CheckstyleReporter()
        _ = checkstyle.report(file)
        #expect(checkstyle.finish(RunSummary()).contains(#"message="a&lt;b &amp; &quot;c&quot;,&#10;50%: d"# + "\u{FFFD}\""))
    }
}
