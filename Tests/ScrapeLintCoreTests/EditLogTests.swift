@testable import ScrapeLintCore
import Testing

/// The edit log: the fix loop's passes composed into edits in the input's offsets, written as JSON lines,
/// read back, and reverted byte for byte.
@Suite struct EditLogTests {
    /// Rules that interact across passes: replacements that later rules rewrite, deletions of lines and
    /// paragraphs that earlier fixes emptied or shortened, matches that leave blank lines to tidy.
    private static let yaml = "rules:\n" + [
        ruleFile("id: first\npattern: 'ab'\nfix: replace\nreplacement: 'x'"),
        ruleFile("id: second\npattern: 'bc'\nfix: replace\nreplacement: 'y'"),
        ruleFile("id: third\npattern: 'xc'\nfix: replace\nreplacement: 'z'"),
        ruleFile("id: drop-z-line\npattern: '^z+$'\nfix: delete-line"),
        ruleFile("id: drop-q\npattern: 'q+'\nfix: delete-match"),
        ruleFile("id: drop-noise-paragraph\nscope: paragraph\npattern: '\\AN[^\\n]*\\nN'\nfix: delete-paragraph"),
        ruleFile("id: widen\npattern: 'y'\nfix: replace\nreplacement: 'yy'"),
        ruleFile("id: widen-stop\npattern: 'yyy+'\nfix: replace\nreplacement: 'w'"),
    ].map { $0.replacingOccurrences(of: "rules:\n", with: "") }.joined()

    private func fixer(_ rules: RuleSet) -> Fixer {
        var fixer = Fixer(checker: Checker(ruleSet: rules), maxRemovedShare: nil)
        fixer.recordsEdits = true
        return fixer
    }

    @Test func passesComposeIntoOneEditNamingEveryRule() throws {
        let outcome = fixer(try ruleSet(Self.yaml)).fix(Array("abc d\n".utf8))
        #expect(String(decoding: outcome.bytes, as: UTF8.self) == "z d\n")
        #expect(outcome.edits == [AppliedEdit(range: 0..<3, removed: Array("abc".utf8), replacement: Array("z".utf8),
                                             rules: ["first", "third"])])
    }

    /// Many generated texts: the composed edits always turn the input into the fixed text, never need the
    /// fallback, and the log written from them reads back and reverts to the input.
    @Test func generatedTextsRoundTrip() throws {
        let rules = try ruleSet(Self.yaml)
        let fixer = fixer(rules)
        let pieces = ["abc", "ab", "c", "z", "q", "qq", "N", "Nx", "y", "bcc", " ", "\t", "\u{A0}", "é", "\u{FEFF}"]
        let breaks = ["\n", "\r\n", "\n\n", "\r", ""]
        var random = SeededRandom(seed: 7)
        var changed = 0, merged = 0
        for _ in 0..<500 {
            var text: [UInt8] = random.next(3) == 0 ? [0xEF, 0xBB, 0xBF] : []
            for _ in 0..<random.next(12) {
                for _ in 0..<(1 + random.next(3)) { text += Array(pieces[random.next(pieces.count)].utf8) }
                if random.next(9) == 0 { text.append(0xFF) }
                text += Array(breaks[random.next(breaks.count)].utf8)
            }
            let outcome = fixer.fix(text)
            if outcome.bytes != text { changed += 1 }
            merged += outcome.edits.filter { $0.rules.count > 1 }.count
            #expect(AppliedEdit.apply(outcome.edits, to: text) == outcome.bytes, "\(text)")
            #expect(!outcome.edits.contains { $0.rule == EditComposer.unattributed }, "\(text)")
            #expect(RobustnessChecks.editLogRoundTrip(text, fixer: fixer) == [], "\(text)")
        }
        #expect(changed > 300)
        #expect(merged > 20, "edits of several passes merged: \(merged)")
    }

    @Test func invalidUTF8GoesThroughBase64() throws {
        let edit = AppliedEdit(range: 3..<5, removed: [0xFF, 0x41], replacement: [0xC3], rules: ["a", "b"])
        let entry = EditLogEntry(file: "f", record: "r1", line: 4, inputLine: 5, edit: edit, fixedStart: 2)
        let json = entry.json()
        #expect(json.contains(#""removed":null,"removed_base64":"/0E=""#))
        #expect(json.contains(#""rules":["a","b"]"#))
        #expect(json.hasPrefix(#"{"kind":"edit","#))
        #expect(try EditLogEntry(json: Array(json.utf8)[...]) == entry)
    }

    @Test func revertRestoresOnlyTheExactFixedText() throws {
        let edit = AppliedEdit(range: 0..<4, removed: Array("abcd".utf8), replacement: Array("x".utf8), rules: ["r"])
        let entries = EditLogEntry.entries([edit], file: "f")
        let original = Array("abcd tail".utf8), fixed = Array("x tail".utf8)
        let document = EditLogDocument(file: "f", edits: 1, original: original, fixed: fixed)
        #expect(try Reverter.revert(fixed, document: document, entries: entries) == original)
        #expect(throws: Reverter.Refusal.notTheFixedText(length: 6, sha256: document.fixedSHA256)) {
            try Reverter.revert(Array("y tail".utf8), document: document, entries: entries)
        }
        // A deletion's replacement is empty, so checking replacements alone accepted any text.
        #expect(throws: Reverter.Refusal.notTheFixedText(length: 6, sha256: document.fixedSHA256)) {
            try Reverter.revert(Array("x tail\nadded\n".utf8), document: document, entries: entries)
        }
        #expect(throws: Reverter.Refusal.alreadyOriginal) { try Reverter.revert(original, document: document, entries: entries) }
        // A log whose edits do not give the original back (crafted, damaged) is refused too.
        let crafted = EditLogEntry.entries([AppliedEdit(range: 0..<4, removed: Array("evil".utf8), replacement: Array("x".utf8), rules: ["r"])], file: "f")
        #expect(throws: Reverter.Refusal.self) { try Reverter.revert(fixed, document: document, entries: crafted) }
    }

    @Test func logStructureIsChecked() throws {
        func read(_ lines: [String]) throws -> EditLog {
            var reader = EditLogReader()
            for (index, line) in lines.enumerated() { try reader.read(Array(line.utf8)[...], number: index + 1) }
            return try reader.finish()
        }
        let edit = AppliedEdit(range: 0..<4, removed: Array("abcd".utf8), replacement: Array("x".utf8), rules: ["r"])
        let document = EditLogDocument(file: "f", edits: 1, original: Array("abcd tail".utf8), fixed: Array("x tail".utf8))
        let header = EditLogHeader(folder: "/work").json()
        let entry = EditLogEntry.entries([edit], file: "f")[0].json()
        #expect(try read([header, document.json(), entry]).documents.count == 1)
        #expect(try read([header, document.json(), entry]).header.folder == "/work")
        #expect(throws: EditLogEntry.ReadError.self) { try read([document.json(), entry]) }   // no header (format 1)
        #expect(throws: EditLogEntry.ReadError.self) { try read([header, document.json()]) }  // an edit missing
        #expect(throws: EditLogEntry.ReadError.self) { try read([header, entry]) }            // no document line
        #expect(throws: EditLogEntry.ReadError.self) {
            try read([header, document.json(), EditLogEntry.entries([edit], file: "other")[0].json()])
        }
    }

    @Test func recordsRevertInTheirTextField() throws {
        let processor = RecordProcessor()
        let line = Array(#"{"id": 3, "text": "0 : 0\nKept \u00e9\n", "z": [1]}"#.utf8)
        let rules = try ruleSet(ruleFile("pattern: '^0 : 0$'\nfix: delete-line"))
        guard case .success(let cleaned) = processor.clean(line[...], fixer: fixer(rules)), let output = cleaned.line else {
            Issue.record("not cleaned")
            return
        }
        #expect(String(decoding: output, as: UTF8.self) == #"{"id": 3, "text": "Kept é\n", "z": [1]}"#)
        let entries = EditLogEntry.entries(cleaned.outcome.edits, file: "c.jsonl", record: "3", line: 1, inputLine: 1)
        let document = EditLogDocument(file: "c.jsonl", record: "3", line: 1, inputLine: 1, edits: entries.count,
                                       original: cleaned.text, fixed: cleaned.outcome.bytes)
        guard case .success(let reverted) = processor.revert(output[...], document: document, entries: entries) else {
            Issue.record("not reverted")
            return
        }
        // The field's value is restored; its escapes are the encoder's own.
        #expect(String(decoding: reverted, as: UTF8.self) == #"{"id": 3, "text": "0 : 0\nKept é\n", "z": [1]}"#)
    }
}

/// A small deterministic generator for tests (SplitMix64).
struct SeededRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
