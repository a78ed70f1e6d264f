import Foundation
import Testing

/// Work that grows with the input must grow linearly: many violations on one long line, many workers asked
/// for little work.
@Suite struct BoundedTimeTests {
    /// Runs the binary and says how long it took.
    private func timed(_ arguments: [String], stdin: Data) throws -> (CLI.Result, Double) {
        let started = Date()
        let result = try CLI.run(arguments, stdin: stdin)
        return (result, Date().timeIntervalSince(started))
    }

    /// One line of 5,000 words separated by no-break spaces: 4,999 violations on a 30 KB line. The text
    /// report measured the whole line again for each excerpt (and walked it again for each position): a
    /// hundred times the concise report before (a minute in a debug build), a few times it now (each
    /// excerpt still builds its window). Timed against the concise report of the same line, so that a
    /// loaded machine slows both.
    @Test func textReportOfManyViolationsOnOneLongLineIsLinear() throws {
        let words = 5000
        let line = Data(((0..<words).map { "w\($0)" }.joined(separator: "\u{A0}") + "\n").utf8)
        let (concise, conciseSeconds) = try timed(["check", "--select", "encoding-no-break-space", "--format", "concise", "-"], stdin: line)
        let (result, seconds) = try timed(["check", "--select", "encoding-no-break-space", "-"], stdin: line)
        #expect(result.status == 1 && concise.status == 1)
        #expect(seconds < 20 * conciseSeconds + 3, "text \(seconds) s, concise \(conciseSeconds) s")
        // The 4,000th violation: its column, and the excerpt cut to a window 20 cells before it.
        let column = (0..<4000).map { "w\($0)".count + 1 }.reduce(0, +)
        let before = (0..<4000).map { "w\($0)" }.joined(separator: "\u{A0}")
        let after = (4000..<words).map { "w\($0)" }.joined(separator: "\u{A0}")
        let window = String((before + "\u{A0}" + after).dropFirst(before.count - 20).prefix(120))
        #expect(result.out.contains("""
        -:1:\(column): info: no-break space U+00A0 [encoding-no-break-space]
         1 | …\(window)…
           |                      ^

        """))
        #expect(result.out.hasSuffix("Found \(words - 1) violations in 1 file (\(words - 1) fixable with --fix).\n"))
    }

    /// `--jobs 1024` on one JSON Lines record made 1,024 workers, each with its own copy of the rules
    /// (1.3 GB, 30 s in a release build); the workers are now capped at the cores and made only when there
    /// is work for them.
    @Test func jobsInJSONLinesModeAreCappedAtTheWorkAndTheCores() throws {
        let record = Data(#"{"id":"r1","text":"Advertisement\nProse.\n"}"#.utf8 + [0x0A])
        let (one, oneSeconds) = try timed(["check", "--jsonl", "--format", "jsonl", "--jobs", "1", "-"], stdin: record)
        let (many, seconds) = try timed(["check", "--jsonl", "--format", "jsonl", "--jobs", "1024", "-"], stdin: record)
        #expect(many.status == one.status)
        #expect(many.out == one.out)
        #expect(!many.out.isEmpty)
        #expect(seconds < 3 * oneSeconds + 2, "--jobs 1024 \(seconds) s, --jobs 1 \(oneSeconds) s")
    }
}
