import PCRE2

/// The patterns of one run, each compiled once by its source and options: the ones the rule loader compiled
/// to check a rule file are the ones its rule set runs, and the rule sets of several configurations share
/// them (by their bytes: ``PatternKey``). JIT compiling waits for each pattern's first match (``Pattern``).
package struct CompiledPatterns {
    private var table: [PatternKey: Pattern] = [:]

    package init() {}

    /// How many patterns have been compiled.
    package var count: Int { table.count }

    /// The pattern of `source` with `options`, compiled now unless it has been already.
    package mutating func pattern(_ source: String, options: CompileOptions) throws(PCRE2Error) -> Pattern {
        let key = PatternKey(source: source, options: options)
        if let known = table[key] { return known }
        let compiled = try Pattern(source, options: options)
        table[key] = compiled
        return compiled
    }

    /// The pattern of `source` with `options` if it has been compiled.
    package func compiled(_ source: String, options: CompileOptions) -> Pattern? {
        table[PatternKey(source: source, options: options)]
    }
}
