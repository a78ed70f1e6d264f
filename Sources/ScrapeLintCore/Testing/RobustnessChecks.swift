import PCRE2

/// Checks run on arbitrary bytes by the fuzz harness (`Sources/scrapelint-fuzz`), by its regression tests
/// and by the property tests: they must never crash, and each broken invariant is returned as a message.
package enum RobustnessChecks {
    /// Extra rules run with the built-ins over fuzzed text: every scope, every fix kind, lookarounds,
    /// `\K`, empty-able replacements, and one runaway pattern with tight limits.
    package static let stressRules = """
    rules:
      - id: stress-delete-match
        category: stress
        severity: info
        message: 'match $0'
        description: Deletes runs of x.
        pattern: 'x+'
        fix: delete-match
        examples: {match: ["axxb"], no-match: ["ab"]}
      - id: stress-replace
        category: stress
        severity: info
        message: 'replace $1'
        description: Replaces a bracketed word with its inside.
        pattern: '\\[(\\w*)\\]'
        fix: replace
        replacement: '$1'
        examples: {match: ["[ab]"], no-match: ["ab"]}
      - id: stress-lookaround
        category: stress
        severity: info
        message: 'lookaround'
        description: Deletes a word between lookarounds.
        pattern: '(?<=\\s)q\\K\\w+(?=\\s)'
        fix: delete-match
        examples: {match: [" qab "], no-match: ["qab"]}
      - id: stress-paragraph
        category: stress
        severity: info
        message: 'paragraph'
        description: Deletes paragraphs holding ZZ.
        scope: paragraph
        pattern: 'ZZ'
        fix: delete-paragraph
        examples: {match: ["aZZ"], no-match: ["Z"]}
      - id: stress-document
        category: stress
        severity: info
        message: 'document'
        description: Deletes lines that start with a hash, near a counter.
        scope: document
        pattern: '(?m)^#.*$'
        fix: delete-line
        near: {rules: [stress-delete-match], lines: 3}
        examples: {match: ["#a\\nx"], no-match: ["a#"]}
      - id: stress-runaway
        category: stress
        severity: info
        message: 'runaway'
        description: Catastrophic backtracking, cut off by its limits.
        pattern: '(a+)+$'
        limits: {match: 20000, depth: 200, heap-kib: 256}
        examples: {match: ["aa"], no-match: ["b"]}
    """

    /// The built-in rules plus ``stressRules``.
    package static func fuzzRuleSet() -> RuleSet {
        let builtin = (try? RuleSources.builtinRules()) ?? []
        let stress = RuleLoader.parse(stressRules, path: "stress.yml")
        precondition(stress.diagnostics.isEmpty, "\(stress.diagnostics)")
        return try! RuleSet(builtin + stress.rules)
    }

    /// Loads `bytes` as a rule file (and, when it loads, compiles it and runs its examples). Returns broken
    /// invariants: a file yielding both rules and diagnostics, a diagnostic outside the file.
    package static func loadRuleFile(_ bytes: [UInt8]) -> [String] {
        guard let text = String(validating: bytes, as: UTF8.self) else { return [] }
        let parsed = RuleLoader.parse(text, path: "fuzz.yml")
        var problems: [String] = []
        if !parsed.rules.isEmpty && !parsed.diagnostics.isEmpty { problems.append("rules and diagnostics together") }
        // YAML breaks lines at LF, CR, CRLF, NEL, LS and PS; a mark may sit just past the last line.
        var lineCount = 2
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            if "\n\r\u{85}\u{2028}\u{2029}".unicodeScalars.contains(scalar) && !(previous == "\r" && scalar == "\n") { lineCount += 1 }
            previous = scalar
        }
        for diagnostic in parsed.diagnostics where diagnostic.line < 1 || diagnostic.line > lineCount || diagnostic.column < 1 {
            problems.append("diagnostic outside the file: \(diagnostic)")
        }
        guard !parsed.rules.isEmpty, let ruleSet = try? RuleSet(parsed.rules) else { return problems }
        _ = ExampleRunner(ruleSet: ruleSet).run()
        problems += lintAndFix(bytes, fixer: Fixer(checker: Checker(ruleSet: ruleSet)))
        return problems
    }

    /// Checks and fixes `bytes`, then verifies: offsets inside the text, fixing is idempotent, what remains
    /// is not fixable, a BOM is kept, and check and fix agree on whether anything is fixable.
    package static func lintAndFix(_ bytes: [UInt8], fixer: Fixer) -> [String] {
        var problems: [String] = []
        let document = Document(bytes)
        let check = fixer.checker.check(document)
        for violation in check.violations {
            if violation.range.lowerBound < document.contentStart || violation.range.upperBound > bytes.count {
                problems.append("violation of \(violation.ruleID) outside the text: \(violation.range)")
            }
            for edit in violation.fix?.edits ?? [] where edit.range.lowerBound < document.contentStart || edit.range.upperBound > bytes.count {
                problems.append("edit of \(violation.ruleID) outside the text: \(edit.range)")
            }
        }
        let outcome = fixer.fix(bytes)
        // A document the safety valve kept as it was is a valid outcome: it still holds fixable violations.
        guard outcome.unconverged.isEmpty, outcome.failures.isEmpty, outcome.refusal == nil else { return problems }
        let fixable = check.violations.contains { $0.fix != nil }
        if fixable != (outcome.bytes != bytes) {
            problems.append("check says fixable=\(fixable) but fix changed \(outcome.bytes == bytes ? "nothing" : "the text")")
        }
        if outcome.remaining.violations.contains(where: { $0.fix != nil }) { problems.append("fixable violations remain") }
        if document.contentStart == 3 && !outcome.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { problems.append("BOM lost") }
        let again = fixer.fix(outcome.bytes)
        if again.failures.isEmpty && again.bytes != outcome.bytes { problems.append("fixing is not idempotent") }
        return problems
    }

    /// Fixes `bytes` with `fixer` (which must record edits) and checks the edit log round trip: the composed
    /// edits turn the input into the fixed text without the fallback, the log written from them reads back
    /// (header, document line, edits) and reverts the fixed text to the input byte for byte, and revert
    /// refuses a changed fixed text.
    package static func editLogRoundTrip(_ bytes: [UInt8], fixer: Fixer) -> [String] {
        precondition(fixer.recordsEdits, "the fixer must record edits")
        let outcome = fixer.fix(bytes)
        var problems: [String] = []
        if AppliedEdit.apply(outcome.edits, to: bytes) != outcome.bytes { problems.append("the composed edits do not give the fixed text") }
        if outcome.edits.contains(where: { $0.rule == EditComposer.unattributed }) { problems.append("the composer needed its fallback") }
        guard outcome.bytes != bytes else {
            if !outcome.edits.isEmpty { problems.append("edits for an unchanged text") }
            return problems
        }
        let document = EditLogDocument(file: "t.txt", edits: outcome.edits.count, original: bytes, fixed: outcome.bytes)
        var text = EditLogHeader(folder: "/").json() + "\n" + document.json() + "\n"
        for entry in EditLogEntry.entries(outcome.edits, file: "t.txt") { text += entry.json() + "\n" }
        var reader = EditLogReader()
        do {
            for (number, line) in Array(text.utf8).split(separator: 0x0A).enumerated() { try reader.read(line, number: number + 1) }
            let log = try reader.finish()
            guard log.documents.count == 1, let read = log.documents.first else { return problems + ["the log reads back \(log.documents.count) documents"] }
            if read.document != document { problems.append("the document line does not read back") }
            if try Reverter.revert(outcome.bytes, document: read.document, entries: read.edits) != bytes {
                problems.append("revert does not give the input back")
            }
            do {
                _ = try Reverter.revert(outcome.bytes + [0x41], document: read.document, entries: read.edits)
                problems.append("revert accepted a changed text")
            } catch {}
        } catch {
            problems.append("the log does not read back or revert: \(error)")
        }
        return problems
    }
}
