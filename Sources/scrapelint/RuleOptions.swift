import ArgumentParser
import Foundation
import PCRE2
import ScrapeLintCore

/// The options that choose which rules run, shared by every command that checks text.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("Add a rule file, or a folder of *.yml rule files (repeatable).", valueName: "path"))
    var rulePaths: [String] = []

    @Flag(name: .customLong("no-builtin"), help: "Do not load the built-in rule packs.")
    var noBuiltin = false

    @Option(help: ArgumentHelp("Run only these rules: ids, categories, id prefixes ending in `-` (caption-) or ALL (comma-separated, repeatable; replaces the configuration's select).", valueName: "ids"))
    var select: [String] = []

    @Option(help: ArgumentHelp("Skip these rules: ids, categories, id prefixes ending in `-` or ALL (comma-separated, repeatable; replaces the configuration's ignore). The more specific of --select and --ignore wins.", valueName: "ids"))
    var ignore: [String] = []

    @Option(name: .customLong("extend-select"), help: ArgumentHelp("Also run these rules, on top of the configured selection (comma-separated, repeatable).", valueName: "ids"))
    var extendSelect: [String] = []

    @Option(name: .customLong("extend-ignore"), help: ArgumentHelp("Also skip these rules, on top of the configured ignore list (comma-separated, repeatable).", valueName: "ids"))
    var extendIgnore: [String] = []

    @Option(name: .customLong("match-limit"), help: ArgumentHelp("PCRE2 match limit (backtracking steps) for rules without their own `limits` (default \(MatchLimits.default.match)).", valueName: "n"))
    var matchLimit: UInt32?

    @Option(name: .customLong("depth-limit"), help: ArgumentHelp("PCRE2 depth limit for rules without their own `limits` (default \(MatchLimits.default.depth)).", valueName: "n"))
    var depthLimit: UInt32?

    @Option(name: .customLong("heap-limit"), help: ArgumentHelp("PCRE2 heap limit in KiB for rules without their own `limits` (default \(MatchLimits.default.heapKiB)).", valueName: "kib"))
    var heapLimit: UInt32?

    func validate() throws {
        for (name, value) in [("match", matchLimit), ("depth", depthLimit), ("heap", heapLimit)] where value == 0 {
            throw ValidationError("--\(name)-limit must be 1 or more.")
        }
    }

    /// The global PCRE2 limits: the defaults, with any given on the command line.
    var limits: MatchLimits {
        var limits = MatchLimits.default
        if let matchLimit { limits.match = matchLimit }
        if let depthLimit { limits.depth = depthLimit }
        if let heapLimit { limits.heapKiB = heapLimit }
        return limits
    }


    /// What these options set, as the command line's settings layer.
    var layer: SettingsLayer {
        var layer = SettingsLayer()
        if !rulePaths.isEmpty { layer.rules = Sourced(rulePaths, .commandLine("--rules")) }
        if noBuiltin { layer.noBuiltin = Sourced(true, .commandLine("--no-builtin")) }
        if !select.isEmpty { layer.select = Sourced(Self.splitList(select), .commandLine("--select")) }
        if !ignore.isEmpty { layer.ignore = Sourced(Self.splitList(ignore), .commandLine("--ignore")) }
        if !extendSelect.isEmpty { layer.extendSelect = Sourced(Self.splitList(extendSelect), .commandLine("--extend-select")) }
        if !extendIgnore.isEmpty { layer.extendIgnore = Sourced(Self.splitList(extendIgnore), .commandLine("--extend-ignore")) }
        return layer
    }

    static func splitList(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
