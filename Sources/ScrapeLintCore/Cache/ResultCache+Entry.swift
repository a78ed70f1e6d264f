extension ResultCache {
    /// One stored result with its full key, in a small format of its own (numbers in decimal, strings
    /// and replacement bytes length-prefixed, so any bytes survive; a last line `end` shows it is whole):
    ///
    ///     scrapelint-cache-1
    ///     RULES-FINGERPRINT
    ///     CONTENT-SHA256
    ///     BYTES VIOLATIONS DIRECTIVES
    ///     RULE-INDEX SEVERITY START END SAFETY|- EDITS ID-LENGTH MESSAGE-LENGTH   (per violation)
    ///     ID MESSAGE
    ///     START END REPLACEMENT-LENGTH                                           (per edit)
    ///     REPLACEMENT
    ///     OFFSET MESSAGE-LENGTH                                                  (per directive problem)
    ///     MESSAGE
    ///     end
    ///
    /// Foundation's JSON coders were tried first: decoding took longer than checking the document again.
    struct Entry {
        var rules: String
        var content: String
        var bytes: Int
        var result: CheckResult

        func encoded() -> [UInt8] {
            var out: [UInt8] = []
            func line(_ text: String) { out += Array(text.utf8); out.append(0x0A) }
            line(ResultCache.format)
            line(rules)
            line(content)
            line("\(bytes) \(result.violations.count) \(result.directiveProblems.count)")
            for violation in result.violations {
                let id = Array(violation.ruleID.utf8), message = Array(violation.message.utf8)
                line("\(violation.ruleIndex) \(violation.severity.rawValue) \(violation.range.lowerBound) \(violation.range.upperBound) "
                     + "\(violation.fix?.safety.rawValue ?? "-") \(violation.fix?.edits.count ?? 0) \(id.count) \(message.count)")
                out += id + message
                out.append(0x0A)
                for edit in violation.fix?.edits ?? [] {
                    line("\(edit.range.lowerBound) \(edit.range.upperBound) \(edit.replacement.count)")
                    out += edit.replacement
                    out.append(0x0A)
                }
            }
            for problem in result.directiveProblems {
                let message = Array(problem.message.utf8)
                line("\(problem.offset) \(message.count)")
                out += message
                out.append(0x0A)
            }
            line("end")
            return out
        }

        /// Reads an entry, checking its key against `rules`, `content` and `bytes`, and every rule and
        /// position against the rule set and a document of `bytes` bytes.
        static func decode(_ data: [UInt8], rules: String, content: String, bytes: Int, ruleSet: RuleSet) throws(EntryError) -> CheckResult {
            var reader = Reader(data: data)
            guard try reader.line() == ResultCache.format, try reader.line() == rules, try reader.line() == content else { throw .foreign }
            let counts = try reader.numbers(3)
            guard counts[0] == bytes else { throw .foreign }
            func range(_ start: Int, _ end: Int) throws(EntryError) -> Range<Int> {
                guard 0 <= start, start <= end, end <= bytes else { throw .position(start, end) }
                return start..<end
            }
            var result = CheckResult()
            for _ in 0..<counts[1] {
                let fields = try reader.fields(8)
                guard let index = Int(fields[0]), let start = Int(fields[2]), let end = Int(fields[3]), let editCount = Int(fields[5]),
                      let idLength = Int(fields[6]), let messageLength = Int(fields[7]), editCount >= 0 else { throw .damaged }
                guard let severity = Rule.Severity(rawValue: fields[1]) else { throw .value(fields[1]) }
                let id = try reader.string(idLength)
                let message = try reader.string(messageLength)
                try reader.newline()
                guard ruleSet.rules.indices.contains(index), ruleSet.rules[index].id == id else { throw .rule(id) }
                var fix: Fix?
                if fields[4] != "-" {
                    guard let safety = FixSafety(rawValue: fields[4]) else { throw .value(fields[4]) }
                    var edits: [Edit] = []
                    for _ in 0..<editCount {
                        let edit = try reader.numbers(3)
                        let replacement = try reader.bytes(edit[2])
                        try reader.newline()
                        edits.append(Edit(range: try range(edit[0], edit[1]), replacement: replacement))
                    }
                    fix = Fix(edits: edits, safety: safety)
                } else if editCount != 0 {
                    throw .damaged
                }
                result.violations.append(Violation(ruleIndex: index, ruleID: id, severity: severity, range: try range(start, end),
                                                   message: message, fix: fix))
            }
            for _ in 0..<counts[2] {
                let fields = try reader.numbers(2)
                _ = try range(fields[0], fields[0])
                let message = try reader.string(fields[1])
                try reader.newline()
                result.directiveProblems.append(DirectiveProblem(offset: fields[0], message: message))
            }
            guard try reader.line() == "end", reader.atEnd else { throw .damaged }
            return result
        }
    }

    /// Reads the lines and length-prefixed runs of an entry.
    struct Reader {
        let data: [UInt8]
        var position = 0

        var atEnd: Bool { position == data.count }

        mutating func line() throws(EntryError) -> String {
            guard let end = data[position...].firstIndex(of: 0x0A) else { throw .damaged }
            defer { position = end + 1 }
            guard let text = String(validating: data[position..<end], as: UTF8.self) else { throw .damaged }
            return text
        }

        mutating func fields(_ count: Int) throws(EntryError) -> [String] {
            let fields = try line().split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == count else { throw .damaged }
            return fields
        }

        mutating func numbers(_ count: Int) throws(EntryError) -> [Int] {
            let numbers = try fields(count).compactMap { Int($0) }
            guard numbers.count == count, numbers.allSatisfy({ $0 >= 0 }) else { throw .damaged }
            return numbers
        }

        mutating func bytes(_ count: Int) throws(EntryError) -> [UInt8] {
            guard count >= 0, count <= data.count - position else { throw .damaged }
            defer { position += count }
            return Array(data[position..<position + count])
        }

        mutating func string(_ count: Int) throws(EntryError) -> String {
            guard let text = String(validating: try bytes(count), as: UTF8.self) else { throw .damaged }
            return text
        }

        mutating func newline() throws(EntryError) {
            guard position < data.count, data[position] == 0x0A else { throw .damaged }
            position += 1
        }
    }

    /// Why a stored result was refused.
    enum EntryError: Error, CustomStringConvertible {
        case damaged
        case foreign
        case position(Int, Int)
        case rule(String)
        case value(String)

        var description: String {
            switch self {
            case .damaged: "it is damaged (not a whole cache entry)"
            case .foreign: "it is for another document or rule set"
            case .position(let start, let end): "it is damaged (the byte range \(start)..<\(end) is outside the document)"
            case .rule(let id): "it is damaged (the rule `\(id)` is not where the entry says)"
            case .value(let value): "it is damaged (`\(value)` is not a known value)"
            }
        }
    }
}
