/// Did-you-mean suggestions for misspelt keys and values.
public enum Suggestion {
    /// The candidate closest to `word` by edit distance, when it is close enough to be a likely typo; else
    /// the only candidate of which `word` is one hyphen-separated part (`heap` for `heap-kib`).
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let limit = max(1, word.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(word.lowercased(), candidate)
            if distance <= limit, distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        if let best { return best.0 }
        guard word.count >= 3 else { return nil }
        let containing = candidates.filter { $0.contains("-") && $0.split(separator: "-").contains { $0 == word.lowercased() } }
        return containing.count == 1 ? containing[0] : nil
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
