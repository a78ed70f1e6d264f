/// A check's raw matches per rule (indexed like ``RuleSet/rules``), stored only for the rules that have
/// some. A check makes two of these per pass and most rules have no match in most documents: an array of
/// one empty array per rule cost an allocation, and a retain and a release per rule, on every pass over
/// every record (issue 13: the per-record fixed cost of JSON Lines).
struct RuleHits: Hashable, Sendable {
    /// Number of rules indexed.
    let ruleCount: Int
    /// Per rule: 1 + the position of its list in ``lists``; 0 when it has none.
    private var slots: [Int32]
    private var lists: [[Checker.Hit]] = []

    /// No rule (a result that keeps no matches).
    init() {
        ruleCount = 0
        slots = []
    }

    /// `ruleCount` rules, none with a match yet.
    init(ruleCount: Int) {
        self.ruleCount = ruleCount
        slots = [Int32](repeating: 0, count: ruleCount)
    }

    /// The matches of rule `rule` (empty when it has none).
    subscript(rule: Int) -> [Checker.Hit] {
        get {
            let slot = Int(slots[rule])
            return slot == 0 ? [] : lists[slot - 1]
        }
        set {
            let slot = Int(slots[rule])
            if slot != 0 {
                lists[slot - 1] = newValue
            } else if !newValue.isEmpty {
                lists.append(newValue)
                slots[rule] = Int32(lists.count)
            }
        }
    }

    /// Whether rule `rule` has no match.
    func isEmpty(_ rule: Int) -> Bool {
        let slot = Int(slots[rule])
        return slot == 0 || lists[slot - 1].isEmpty
    }

    /// Hands over the matches of rule `rule` and keeps none of them.
    mutating func take(_ rule: Int) -> [Checker.Hit] {
        let slot = Int(slots[rule])
        guard slot != 0 else { return [] }
        var taken: [Checker.Hit] = []
        swap(&taken, &lists[slot - 1])
        return taken
    }

    static func == (lhs: RuleHits, rhs: RuleHits) -> Bool {
        lhs.ruleCount == rhs.ruleCount && (0..<lhs.ruleCount).allSatisfy { lhs[$0] == rhs[$0] }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(ruleCount)
        for rule in 0..<ruleCount where slots[rule] != 0 && !lists[Int(slots[rule]) - 1].isEmpty {
            hasher.combine(rule)
            hasher.combine(lists[Int(slots[rule]) - 1])
        }
    }
}
