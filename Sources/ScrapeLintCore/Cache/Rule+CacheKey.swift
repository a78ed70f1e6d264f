import PCRE2

extension Rule {
    /// Adds every stored field of the rule (and of its gates, limits, examples and origin) to a cache key.
    /// `RuleFingerprintTests` lists the fields by reflection and fails when one is added to ``Rule`` (or
    /// its parts) without being added here, and when changing any of them leaves the key as it was.
    func addFields(to key: inout KeyBytes) {
        key.add(id)
        key.add(category)
        key.add(severity.rawValue)
        key.add(message)
        key.add(description)
        key.add(scope.rawValue)
        key.add(pattern)
        key.add(flags.map(\.rawValue))
        key.add(unless)
        key.add(fix.rawValue)
        key.add(replacement)
        key.add(fixSafety?.rawValue)
        gates.addFields(to: &key)
        key.add(limits != nil ? 1 : 0)
        limits?.addFields(to: &key)
        key.add(examples.match)
        key.add(examples.noMatch)
        key.add(origin.path)
        key.add(origin.line)
        key.add(origin.column)
    }
}

extension Gates {
    func addFields(to key: inout KeyBytes) {
        key.add(maxWords)
        key.add(maxChars)
        key.add(minRun)
        key.add(near?.rules)
        key.add(near?.lines)
        switch zone {
        case nil: key.add(0)
        case .some(let zone):
            key.add(zone.edge == .first ? 1 : 2)
            switch zone.extent {
            case .lines(let count): key.add(["lines", String(count)])
            case .percent(let percent): key.add(["percent", String(percent)])
            }
        }
        key.add(follows)
        key.add(joins)
    }
}

extension MatchLimits {
    func addFields(to key: inout KeyBytes) {
        key.add(match)
        key.add(depth)
        key.add(heapKiB)
    }
}
