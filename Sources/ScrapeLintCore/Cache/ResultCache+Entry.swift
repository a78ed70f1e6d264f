import Foundation

extension ResultCache {
    /// One stored result, with its full key: checked on reading.
    struct Entry: Codable {
        var format: String
        var rules: String
        var content: String
        var bytes: Int
        var violations: [StoredViolation]
        var directives: [StoredDirective]

        struct StoredViolation: Codable {
            var rule: Int
            var id: String
            var severity: String
            var start: Int
            var end: Int
            var message: String
            var fix: StoredFix?
        }

        struct StoredFix: Codable {
            var safety: String
            var edits: [StoredEdit]
        }

        struct StoredEdit: Codable {
            var start: Int
            var end: Int
            var replacement: Data
        }

        struct StoredDirective: Codable {
            var offset: Int
            var message: String
        }

        init(format: String, rules: String, content: String, bytes: Int, result: CheckResult) {
            self.format = format
            self.rules = rules
            self.content = content
            self.bytes = bytes
            violations = result.violations.map { violation in
                StoredViolation(rule: violation.ruleIndex, id: violation.ruleID, severity: violation.severity.rawValue,
                                start: violation.range.lowerBound, end: violation.range.upperBound, message: violation.message,
                                fix: violation.fix.map { fix in
                                    StoredFix(safety: fix.safety.rawValue, edits: fix.edits.map {
                                        StoredEdit(start: $0.range.lowerBound, end: $0.range.upperBound, replacement: Data($0.replacement))
                                    })
                                })
            }
            directives = result.directiveProblems.map { StoredDirective(offset: $0.offset, message: $0.message) }
        }

        /// The result, every rule and position checked against the rule set and a document of
        /// `documentLength` bytes.
        func result(documentLength: Int, ruleSet: RuleSet) throws(EntryError) -> CheckResult {
            func range(_ start: Int, _ end: Int) throws(EntryError) -> Range<Int> {
                guard 0 <= start, start <= end, end <= documentLength else { throw .position(start, end) }
                return start..<end
            }
            var result = CheckResult()
            for stored in violations {
                guard ruleSet.rules.indices.contains(stored.rule), ruleSet.rules[stored.rule].id == stored.id else { throw .rule(stored.id) }
                guard let severity = Rule.Severity(rawValue: stored.severity) else { throw .value(stored.severity) }
                var fix: Fix?
                if let storedFix = stored.fix {
                    guard let safety = FixSafety(rawValue: storedFix.safety) else { throw .value(storedFix.safety) }
                    var edits: [Edit] = []
                    for edit in storedFix.edits { edits.append(Edit(range: try range(edit.start, edit.end), replacement: [UInt8](edit.replacement))) }
                    fix = Fix(edits: edits, safety: safety)
                }
                result.violations.append(Violation(ruleIndex: stored.rule, ruleID: stored.id, severity: severity,
                                                   range: try range(stored.start, stored.end), message: stored.message, fix: fix))
            }
            for directive in directives {
                _ = try range(directive.offset, directive.offset)
                result.directiveProblems.append(DirectiveProblem(offset: directive.offset, message: directive.message))
            }
            return result
        }
    }

    /// Why a stored result was refused.
    enum EntryError: Error, CustomStringConvertible {
        case position(Int, Int)
        case rule(String)
        case value(String)

        var description: String {
            switch self {
            case .position(let start, let end): "the byte range \(start)..<\(end) is outside the document"
            case .rule(let id): "the rule `\(id)` is not where the entry says"
            case .value(let value): "`\(value)` is not a known value"
            }
        }
    }
}
