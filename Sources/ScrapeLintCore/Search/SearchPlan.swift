import Foundation
import PCRE2

/// How a rule set's candidate units are found: the search stage's part of a ``RuleSet``, immutable and
/// shared between threads. For each rule, the prefilters behind the one seam `rule -> candidate units`:
/// a Vectorscan database of every line and paragraph rule it can take (one pass over a document for all
/// of them), and per-line prefilters (line-start bytes for all anchored rules in one pass, required
/// bytes, a multiline scan). A prefilter may say "maybe" too often, never too rarely: PCRE2 confirms
/// every candidate, so results are the same with and without prefilters.
final class SearchPlan: Sendable {
    /// For rules with a line-start prefilter: their slot in ``lineStartMasks``.
    let lineStartSlot: [Int?]
    /// For each byte value: a bit mask (in 64-bit words) of the line-start slots whose rules a line starting
    /// with that byte may match.
    let lineStartMasks: [[UInt64]]
    let lineStartSlotCount: Int
    /// For each line-start slot: its rule's index.
    let lineStartRules: [Int]
    /// For each rule: its expression in ``prefilter``'s database, if Vectorscan may take it.
    let prefilterSlot: [Int?]
    /// For each expression of the database: whether its rule is a paragraph rule.
    let prefilterParagraphSlots: [Bool]
    /// The multi-pattern prefilter (Vectorscan), loaded when first worth it; nil without the trait or when
    /// no rule qualifies.
    let prefilter: PrefilterProvider?

    init(_ rules: [CompiledRule]) {
        var slots = [Int?](repeating: nil, count: rules.count)
        var slotCount = 0
        var slotRules: [Int] = []
        for rule in rules where rule.linePrefilters.lineStartBytes != nil {
            slots[rule.index] = slotCount
            slotRules.append(rule.index)
            slotCount += 1
        }
        let words = (slotCount + 63) / 64
        var masks = [[UInt64]](repeating: [UInt64](repeating: 0, count: words), count: 256)
        for rule in rules {
            guard let slot = slots[rule.index], let bytes = rule.linePrefilters.lineStartBytes else { continue }
            for byte in 0..<256 where bytes.contains(UInt8(byte)) { masks[byte][slot / 64] |= 1 << UInt64(slot % 64) }
        }
        lineStartSlot = slots
        lineStartMasks = masks
        lineStartSlotCount = slotCount
        lineStartRules = slotRules
        let (provider, prefilterSlots) = PrefilterProvider.make(for: rules)
        prefilter = provider
        prefilterSlot = prefilterSlots
        var paragraphSlots = [Bool](repeating: false, count: (prefilterSlots.compactMap { $0 }.max() ?? -1) + 1)
        for rule in rules { if let slot = prefilterSlots[rule.index] { paragraphSlots[slot] = rule.rule.scope == .paragraph } }
        prefilterParagraphSlots = paragraphSlots
    }

    /// What `--timings` says about the multi-pattern prefilter: the library (and whether it is proven exact)
    /// and where the database came from.
    var summary: String {
        guard prefilter != nil else { return "" }
        return "Hyperscan API \(VectorscanLibrary.summary); database: \(prefilter?.origin ?? "not loaded")"
    }

    /// What `--timings` shows for how `rule` is searched: `vectorscan` when the loaded database covers
    /// it, else the rule's own strategy.
    func strategy(of rule: CompiledRule) -> String {
        if let slot = prefilterSlot[rule.index], prefilter?.loadedDatabaseCovers(slot) == true { return "vectorscan" }
        return rule.strategy
    }
}
