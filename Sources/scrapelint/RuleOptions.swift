import ArgumentParser
import Foundation
import ScrapeLintCore

/// The options that choose which rules run, shared by every command that checks text.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("Add a rule file, or a folder of *.yml rule files (repeatable).", valueName: "path"))
    var rulePaths: [String] = []

    @Flag(name: .customLong("no-builtin"), help: "Do not load the built-in rule packs.")
    var noBuiltin = false

    @Option(help: ArgumentHelp("Run only these rules or categories (comma-separated, repeatable).", valueName: "ids"))
    var select: [String] = []

    @Option(help: ArgumentHelp("Skip these rules or categories (comma-separated, repeatable).", valueName: "ids"))
    var ignore: [String] = []

    /// What these options set, as the command line's settings layer.
    var layer: SettingsLayer {
        var layer = SettingsLayer()
        if !rulePaths.isEmpty { layer.rules = Sourced(rulePaths, .commandLine("--rules")) }
        if noBuiltin { layer.noBuiltin = Sourced(true, .commandLine("--no-builtin")) }
        if !select.isEmpty { layer.select = Sourced(Self.splitList(select), .commandLine("--select")) }
        if !ignore.isEmpty { layer.ignore = Sourced(Self.splitList(ignore), .commandLine("--ignore")) }
        return layer
    }

    static func splitList(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
