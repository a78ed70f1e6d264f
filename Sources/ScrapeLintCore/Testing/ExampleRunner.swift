/// Runs the examples of rules: each `match` example must give at least one violation of its rule, each
/// `no-match` example none. The same code serves `scrapelint test` and the test suite.
public struct ExampleRunner {
    let checker: Checker

    public init(ruleSet: RuleSet) {
        checker = Checker(ruleSet: ruleSet)
    }

    /// An example that did not behave as its rule says.
    public struct Failure: Hashable, Sendable, CustomStringConvertible {
        public enum Kind: String, Sendable {
            case missed = "match"
            case falsePositive = "no-match"
        }

        public let ruleID: String
        public let origin: Rule.Origin
        public let kind: Kind
        /// 1-based position of the example in its list.
        public let number: Int
        public let example: String
        /// The matched text, for a no-match example that matched.
        public let matched: [String]
        /// A runaway-pattern failure instead of a result, if any.
        public let error: String?

        public var description: String {
            let head = "\(origin.path):\(origin.line):\(origin.column): \(ruleID): "
            if let error { return head + "\(kind.rawValue) example \(number) could not be checked: \(error)" }
            switch kind {
            case .missed:
                return head + "match example \(number) does not match: \(Self.quote(example))"
            case .falsePositive:
                return head + "no-match example \(number) matches \(matched.map(Self.quote).joined(separator: ", ")): \(Self.quote(example))"
            }
        }

        static func quote(_ text: String) -> String {
            var result = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\n": result += "\\n"
                case "\r": result += "\\r"
                case "\t": result += "\\t"
                case "\"": result += "\\\""
                case "\\": result += "\\\\"
                default: result.unicodeScalars.append(scalar)
                }
            }
            return result + "\""
        }
    }

    /// Counts and failures of a run.
    public struct Summary: Sendable {
        public var rules = 0
        public var examples = 0
        public var failures: [Failure] = []
    }

    /// Runs the examples of every rule in the set (or of the rules whose ids are in `only`).
    public func run(only: Set<String>? = nil) -> Summary {
        var summary = Summary()
        for compiled in checker.ruleSet.rules where only?.contains(compiled.id) ?? true {
            summary.rules += 1
            let rule = compiled.rule
            for (kind, list) in [(Failure.Kind.missed, rule.examples.match), (.falsePositive, rule.examples.noMatch)] {
                for (offset, example) in list.enumerated() {
                    summary.examples += 1
                    let document = Document(Array(example.utf8))
                    let result = checker.check(document)
                    let ownFailures = result.failures.filter { $0.ruleID == rule.id }
                    let own = result.violations.filter { $0.ruleIndex == compiled.index }
                    let failed = ownFailures.isEmpty ? (kind == .missed ? own.isEmpty : !own.isEmpty) : true
                    guard failed else { continue }
                    summary.failures.append(Failure(
                        ruleID: rule.id, origin: rule.origin, kind: kind, number: offset + 1, example: example,
                        matched: own.map { String(decoding: document.bytes[$0.range], as: UTF8.self) },
                        error: ownFailures.first?.message))
                }
            }
        }
        return summary
    }
}
