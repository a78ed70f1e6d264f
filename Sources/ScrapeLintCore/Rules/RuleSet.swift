import PCRE2
import Synchronization

/// The compiled rules of one run, in load order, with ids unique across every file loaded.
public final class RuleSet: Sendable {
    public let rules: [CompiledRule]
    /// Rule indices in the order the checker evaluates them: a rule with a `near` gate after the rules it
    /// names.
    let evaluationOrder: [Int]
    /// Capture capacity for per-thread scratch.
    let captureCapacity: Int
    let indexByID: [String: Int]
    /// How candidate units are found: the search stage's prefilters for these rules.
    let search: SearchPlan
    /// Rules kept only because a selected rule's `near` gate names them: they run but report nothing.
    let silent: Set<Int>
    let limits: MatchLimits
    /// Every rule loaded before selection narrowed the set, so that a suppression naming a rule that does
    /// not run is not taken for an unknown name.
    public let known: [Rule]
    /// ``contentDigest``, once computed.
    private let digest = Mutex<String?>(nil)

    /// Compiles `rules`; reports duplicate ids (with both origins), `near` gates naming unknown rules, and
    /// `near` cycles.
    public convenience init(_ rules: [Rule], limits: MatchLimits = .default, silent: Set<String> = [], known: [Rule]? = nil) throws(ScrapeLintError) {
        var patterns = CompiledPatterns()
        try self.init(rules, limits: limits, silent: silent, known: known, patterns: &patterns)
    }

    /// Compiles `rules` as ``init(_:limits:silent:known:)`` does, taking each pattern from `patterns` when
    /// it is there (compiled by the loader or for another rule set of the run) and adding the others.
    convenience init(_ rules: [Rule], limits: MatchLimits = .default, silent: Set<String> = [], known: [Rule]? = nil,
                     patterns: inout CompiledPatterns) throws(ScrapeLintError) {
        var diagnostics: [Diagnostic] = []
        var indexByID: [String: Int] = [:]
        var unique: [Rule] = []
        for rule in rules {
            if let first = indexByID[rule.id] {
                let origin = unique[first].origin
                diagnostics.append(Diagnostic(
                    path: rule.origin.path, line: rule.origin.line, column: rule.origin.column,
                    message: "duplicate rule id `\(rule.id)` (also defined at \(origin.path):\(origin.line):\(origin.column))"))
                continue
            }
            indexByID[rule.id] = unique.count
            unique.append(rule)
        }
        // Every rule's gates are checked, duplicates included, so that all errors come in one round.
        diagnostics += RuleSet.nearDiagnostics(rules, ids: Set(indexByID.keys))
        var compiled: [CompiledRule] = []
        for (index, rule) in unique.enumerated() {
            do {
                compiled.append(try CompiledRule(rule: rule, index: index, defaultLimits: limits, patterns: &patterns))
            } catch {
                diagnostics.append(Diagnostic(path: rule.origin.path, line: rule.origin.line, column: rule.origin.column,
                                              message: "rule `\(rule.id)`: \(error)"))
            }
        }
        let order = RuleSet.evaluationOrder(unique, indexByID: indexByID)
        if order == nil {
            diagnostics += unique.filter { !$0.gates.anchorRules.isEmpty }.map {
                Diagnostic(path: $0.origin.path, line: $0.origin.line, column: $0.origin.column,
                           message: "`near` gates form a cycle through rule `\($0.id)`")
            }
        }
        guard diagnostics.isEmpty, let order else { throw .invalidRules(diagnostics) }
        self.init(compiled: compiled, indexByID: indexByID, order: order, limits: limits, silent: silent, known: known ?? unique)
    }

    /// A rule set of rules compiled and checked already (ids unique, `near` targets present, order given).
    private init(compiled: [CompiledRule], indexByID: [String: Int], order: [Int], limits: MatchLimits, silent: Set<String>,
                 known: [Rule]) {
        self.rules = compiled
        self.indexByID = indexByID
        self.evaluationOrder = order
        self.captureCapacity = compiled.map(\.captureCapacity).max() ?? 0
        search = SearchPlan(compiled)
        self.silent = Set(compiled.filter { silent.contains($0.id) }.map(\.index))
        self.limits = limits
        self.known = known
    }

    /// Some of this set's rules (in this set's order) as a rule set of their own, nothing compiled again.
    /// With `ownKnown`, the list of known rules is a copy of its own too (every check passes it on, and a
    /// list shared by the workers' rule sets would have its reference count updated by all of them).
    private func subset(_ kept: [CompiledRule], silent: Set<String>, newHandles: Bool, ownKnown: Bool = false) -> RuleSet {
        let compiled = kept.enumerated().map { CompiledRule($1, index: $0, newHandles: newHandles) }
        let indexByID = Dictionary(uniqueKeysWithValues: compiled.map { ($0.id, $0.index) })
        // A subset closed under `near` targets of an acyclic set is acyclic.
        let order = RuleSet.evaluationOrder(compiled.map(\.rule), indexByID: indexByID)!
        return RuleSet(compiled: compiled, indexByID: indexByID, order: order, limits: limits, silent: silent,
                       known: ownKnown ? known.map { $0 } : known)
    }

    /// The same rules for one worker thread: new Swift objects over the same compiled PCRE2 code (nothing is
    /// compiled again). Threads that share the Swift objects all update the same reference counts, and that
    /// contention made two threads barely faster than one. Rule indices are the same as in this set.
    public func independentCopy() -> RuleSet {
        subset(rules, silent: Set(silent.map { rules[$0].id }), newHandles: true, ownKnown: true)
    }

    /// The SHA-256 of everything in this set that decides a result besides the document and the search
    /// options: every compiled rule's whole definition and position, the rules run only for a gate, the
    /// default limits, and the ids and categories of every loaded rule (they decide what a suppression
    /// directive's name means). Computed once per set; the result cache's key is made from it.
    public var contentDigest: String {
        if let known = digest.withLock({ $0 }) { return known }
        var key = KeyBytes()
        limits.addFields(to: &key)
        key.add(silent.sorted().map(String.init))
        let names = known.map { [$0.id, $0.category] }.sorted { $0.lexicographicallyPrecedes($1) }
        key.add(names.count)
        for name in names { key.add(name) }
        key.add(rules.count)
        for rule in rules {
            key.add(rule.index)
            rule.rule.addFields(to: &key)
        }
        let value = SHA256.hex(of: key.bytes)
        digest.withLock { $0 = value }
        return value
    }

    public subscript(id: String) -> CompiledRule? { indexByID[id].map { rules[$0] } }

    /// Makes scratch space for matching this rule set on one thread.
    public func makeScratch() -> MatchScratch { MatchScratch(captureCount: captureCapacity) }

    /// A rule set of the rules that `select` (all when empty) picks and `ignore` does not drop, read as
    /// ``RuleSelector``s (`ALL`, categories, `prefix-`, ids; the more specific entry wins). Rules named by a
    /// kept rule's `near` gate stay, so gates keep working, but they report nothing unless selected.
    public func selecting(_ select: [String], ignoring ignore: [String]) throws(ScrapeLintError) -> RuleSet {
        try selecting(ids: RuleSelector.chosen(rules.map(\.rule), select: select, ignore: ignore))
    }

    /// A rule set of the rules with these ids, and (silent) the rules their `near` gates need.
    public func selecting(ids reported: Set<String>) throws(ScrapeLintError) -> RuleSet {
        var needed = reported
        var queue = rules.filter { reported.contains($0.id) }.map(\.rule)
        while let rule = queue.popLast() {
            for anchor in rule.gates.anchorRules where !needed.contains(anchor) {
                needed.insert(anchor)
                if let anchorRule = self[anchor] { queue.append(anchorRule.rule) }
            }
        }
        return subset(rules.filter { needed.contains($0.id) }, silent: needed.subtracting(reported), newHandles: false)
    }

    /// Whether the rule runs only because a selected rule's `near` gate needs it (it reports nothing).
    public func isDependency(_ id: String) -> Bool {
        indexByID[id].map { silent.contains($0) } ?? false
    }

    /// For a dependency (see ``isDependency(_:)``): the rules whose `near` gates name it, in load order.
    public func dependents(of id: String) -> [String] {
        rules.filter { $0.rule.gates.anchorRules.contains(id) }.map(\.id)
    }

    /// Anchors before the rules whose `near` gates name them; nil on a cycle.
    /// `near` gates of `rules` naming a rule not in `ids`, with a did-you-mean.
    static func nearDiagnostics(_ rules: [Rule], ids: Set<String>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for rule in rules {
            for anchor in rule.gates.anchorRules where !ids.contains(anchor) {
                var message = "`\(rule.gates.gateKey(naming: anchor))` names unknown rule `\(anchor)`"
                if let suggestion = Suggestion.closest(to: anchor, in: ids.sorted()) { message += "; did you mean `\(suggestion)`?" }
                diagnostics.append(Diagnostic(path: rule.origin.path, line: rule.origin.line, column: rule.origin.column, message: message))
            }
        }
        return diagnostics
    }

    static func evaluationOrder(_ rules: [Rule], indexByID: [String: Int]) -> [Int]? {
        var order: [Int] = []
        var state = [UInt8](repeating: 0, count: rules.count) // 0 new, 1 visiting, 2 done
        func visit(_ index: Int) -> Bool {
            if state[index] == 2 { return true }
            if state[index] == 1 { return false }
            state[index] = 1
            for anchor in rules[index].gates.anchorRules {
                guard let anchorIndex = indexByID[anchor] else { continue }
                if !visit(anchorIndex) { return false }
            }
            state[index] = 2
            order.append(index)
            return true
        }
        for index in rules.indices where !visit(index) { return nil }
        return order
    }
}
