/// What the rules remove from a corpus, gathered document by document for the HTML review report: the
/// run's ``Statistics`` (over every document), a seeded sample of each rule's matches in context, and a
/// seeded sample of documents with every change marked. Memory is bounded by the sample sizes.
public struct ReviewReport {
    public struct Options: Sendable {
        /// Matches shown per rule.
        public var samplesPerRule = 20
        /// Documents shown whole, with every change marked.
        public var documents = 20
        public var seed: UInt64 = 1
        /// Longer documents are cut in the per-document view.
        public var maxDocumentBytes = 100_000

        public init() {}
    }

    /// A match in context: removed (or replaced, or only flagged) text between the bytes around it.
    struct Sample {
        let document: String
        let before: String
        let text: String
        let after: String
        /// What replaced the text; nil when it was only flagged (a rule without a fix, or one the safety
        /// valve held back).
        let replacement: String?
    }

    /// A document cut into kept text and changes.
    struct DocumentView {
        let name: String
        /// Kept text (rule nil) or a change: the removed text, its rule, its replacement.
        let segments: [(text: String, rule: String?, replacement: String)]
        let changes: Int
        let truncated: Bool
    }

    public let ruleSet: RuleSet
    public let options: Options
    /// Counts over every document, as `--statistics-json` gives them.
    public private(set) var statistics = Statistics()
    private var samples: [String: Reservoir<Sample>] = [:]
    private var documents: Reservoir<DocumentView>

    public init(ruleSet: RuleSet, options: Options = Options()) {
        self.ruleSet = ruleSet
        self.options = options
        documents = Reservoir(capacity: options.documents, generator: SeededGenerator(seed: options.seed, stream: "(documents)"))
    }

    /// Adds one document: `outcome` is `original` fixed by a fixer that records edits.
    public mutating func add(name: String, original: [UInt8], outcome: Fixer.Outcome) {
        statistics.add(outcome, inputBytes: original.count)
        for edit in outcome.edits where edit.rule != Fixer.tidyKey {
            offer(edit.rule) {
                let context = AuditText.context(original, around: edit.range)
                return Sample(document: name, before: context.before, text: AuditText.decode(original, edit.range),
                              after: context.after, replacement: AuditText.decode(edit.replacement, 0..<edit.replacement.count))
            }
        }
        // What remains flagged (rules without a fix, or all of a document the valve kept) is in the fixed text.
        for violation in outcome.remaining.violations {
            offer(violation.ruleID) {
                let context = AuditText.context(outcome.bytes, around: violation.range)
                return Sample(document: name, before: context.before, text: AuditText.decode(outcome.bytes, violation.range),
                              after: context.after, replacement: nil)
            }
        }
        guard !outcome.edits.isEmpty else { return }
        documents.offer { ReviewReport.view(name: name, original: original, edits: outcome.edits, limit: options.maxDocumentBytes) }
    }

    private mutating func offer(_ rule: String, _ make: () -> Sample) {
        samples[rule, default: Reservoir(capacity: options.samplesPerRule, generator: SeededGenerator(seed: options.seed, stream: rule))]
            .offer(make)
    }

    static func view(name: String, original: [UInt8], edits: [AppliedEdit], limit: Int) -> DocumentView {
        var segments: [(text: String, rule: String?, replacement: String)] = []
        var cursor = 0
        var changes = 0
        for edit in edits where edit.range.lowerBound < limit {
            if cursor < edit.range.lowerBound { segments.append((AuditText.decode(original, cursor..<edit.range.lowerBound), nil, "")) }
            segments.append((AuditText.decode(original, edit.range), edit.rule,
                             AuditText.decode(edit.replacement, 0..<edit.replacement.count)))
            cursor = edit.range.upperBound
            changes += 1
        }
        let end = min(original.count, max(cursor, limit))
        if cursor < end { segments.append((AuditText.decode(original, cursor..<end), nil, "")) }
        return DocumentView(name: name, segments: segments, changes: changes, truncated: end < original.count)
    }

    /// The report's data as JSON (what the page's script renders).
    func dataJSON(title: String) -> String {
        let totalMatches = statistics.rules.values.reduce(0) { $0 + $1.matches }
        let totalBytes = statistics.rules.values.reduce(0) { $0 + $1.bytesRemoved }
        let ids = statistics.rules.filter { $0.value.matches > 0 || $0.value.bytesRemoved != 0 }.keys
            .sorted { lhs, rhs in
                let (left, right) = (statistics.rules[lhs]!, statistics.rules[rhs]!)
                return (right.bytesRemoved, right.matches, lhs) < (left.bytesRemoved, left.matches, rhs)
            }
        let rules = ids.map { id -> String in
            let entry = statistics.rules[id]!
            let rule = ruleSet[id]?.rule
            return JSON.object([
                ("id", JSON.string(id)),
                ("category", JSON.string(rule?.category ?? (id == Fixer.tidyKey ? "(tidy)" : ""))),
                ("severity", JSON.string(rule?.severity.rawValue ?? "")),
                ("description", JSON.string(rule?.description ?? (id == Fixer.tidyKey ? "Blank lines left where removed lines stood." : ""))),
                ("matches", String(entry.matches)), ("documents", String(entry.documents)),
                ("lines_removed", String(entry.linesRemoved)), ("bytes_removed", String(entry.bytesRemoved)),
                ("share", statistics.inputBytes == 0 ? "0" : String(Double(entry.bytesRemoved) / Double(statistics.inputBytes))),
                ("sampled", String(samples[id]?.items.count ?? 0)),
            ])
        }
        let sampleItems = ids.flatMap { id in
            (samples[id]?.sample ?? []).map { sample in
                JSON.object([
                    ("rule", JSON.string(id)), ("document", JSON.string(sample.document)),
                    ("before", JSON.string(sample.before)), ("text", JSON.string(sample.text)),
                    ("after", JSON.string(sample.after)), ("replacement", sample.replacement.map(JSON.string) ?? "null"),
                ])
            }
        }
        let views = documents.sample.map { view in
            JSON.object([
                ("name", JSON.string(view.name)), ("changes", String(view.changes)),
                ("truncated", view.truncated ? "true" : "false"),
                ("segments", JSON.array(view.segments.map { segment in
                    segment.rule.map { JSON.array([JSON.string(segment.text), JSON.string($0), JSON.string(segment.replacement)]) }
                        ?? JSON.array([JSON.string(segment.text)])
                })),
            ])
        }
        return JSON.object([
            ("title", JSON.string(title)),
            ("documents", String(statistics.documents)), ("input_bytes", String(statistics.inputBytes)),
            ("matches", String(totalMatches)), ("bytes_removed", String(totalBytes)),
            ("documents_changed", String(documents.seen)),
            ("options", JSON.object([("sample", String(options.samplesPerRule)), ("seed", String(options.seed)),
                                     ("documents", String(options.documents))])),
            ("rules", JSON.array(rules)), ("samples", JSON.array(sampleItems)), ("views", JSON.array(views)),
        ])
    }
}
