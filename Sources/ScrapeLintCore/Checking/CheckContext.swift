/// Facts about one document that several rules need, computed once per check and only when asked:
/// the candidate lines of each line-start rule, and the sizes of scope units for size gates.
final class CheckContext {
    let document: Document
    let buffer: UnsafeBufferPointer<UInt8>
    let ruleSet: RuleSet
    private var candidates: [[Int]]?
    private var sizes: [Range<Int>: (words: Int, characters: Int)] = [:]

    init(document: Document, buffer: UnsafeBufferPointer<UInt8>, ruleSet: RuleSet) {
        self.document = document
        self.buffer = buffer
        self.ruleSet = ruleSet
    }

    /// The non-empty lines whose first byte can start a match of the line-start rule in `slot`.
    func lineStartCandidates(_ slot: Int) -> [Int] {
        if let candidates { return candidates[slot] }
        var lists = [[Int]](repeating: [], count: ruleSet.lineStartSlotCount)
        let masks = ruleSet.lineStartMasks
        for (index, line) in document.lines.enumerated() where line.start < line.contentEnd {
            let words = masks[Int(buffer[line.start])]
            for word in words.indices {
                var bits = words[word]
                while bits != 0 {
                    lists[word * 64 + bits.trailingZeroBitCount].append(index)
                    bits &= bits - 1
                }
            }
        }
        candidates = lists
        return lists[slot]
    }

    /// Whether a scope unit meets the `max-chars` and `max-words` gates; each unit is measured once.
    func fits(_ unit: Range<Int>, _ gates: Gates) -> Bool {
        // A unit with no more bytes than a limit is within it (characters and words are at most bytes).
        let needsChars = gates.maxChars.map { unit.count > $0 } ?? false
        let needsWords = gates.maxWords.map { unit.count > $0 } ?? false
        guard needsChars || needsWords else { return true }
        let size = measure(unit)
        if needsChars, size.characters > gates.maxChars! { return false }
        if needsWords, size.words > gates.maxWords! { return false }
        return true
    }

    private func measure(_ unit: Range<Int>) -> (words: Int, characters: Int) {
        if let size = sizes[unit] { return size }
        let (words, characters) = ByteCounting.measure(UnsafeBufferPointer(rebasing: buffer[unit]))
        sizes[unit] = (words, characters)
        return (words, characters)
    }
}
