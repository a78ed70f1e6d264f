import ArgumentParser
import ScrapeLintCore

/// Which fixes `check --fix` and `--diff` apply (ruff's `--unsafe-fixes`), and `--show-fixes`.
struct FixSafetyOptions: ParsableArguments {
    @Flag(name: .customLong("unsafe-fixes"), help: "With --fix or --diff, also apply the unsafe fixes (by default those of delete-paragraph and replace rules, unless a rule declares `fix-safety: safe`).")
    var unsafeFixes = false

    @Flag(name: .customLong("show-fixes"), help: "With --fix, list what was fixed: per file, how many violations of each rule.")
    var showFixes = false

    /// The `--show-fixes` listing: `Fixed N violations:`, then per file its counts per rule.
    static func listing(_ fixed: [(path: String, counts: [String: Int])]) -> String {
        let files = fixed.filter { !$0.counts.isEmpty }
        let total = files.reduce(0) { $0 + $1.counts.values.reduce(0, +) }
        guard total > 0 else { return "No fixes applied.\n" }
        var output = "Fixed \(total) violation\(total == 1 ? "" : "s"):\n"
        for file in files {
            output += "- \(file.path):\n"
            for (rule, count) in file.counts.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
                output += "    \(count) × \(rule)\n"
            }
        }
        return output
    }
}
