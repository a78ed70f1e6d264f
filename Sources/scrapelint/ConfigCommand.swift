import ArgumentParser
import Foundation
import ScrapeLintCore

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the effective configuration and where each value came from.",
        discussion: """
        Settings come from the defaults, then the nearest .scrapelint.yml (from the current folder upward,
        or --config FILE; none with --isolated), then its `overrides` that match a path, then the command
        line, which wins. Give a path to see the settings of that file: the configuration found from the
        file's own folder upward (as `check` finds it for each file), with the overrides it matches.

        Examples:
          scrapelint config --show
          scrapelint config --show archive/2015/page.txt
          scrapelint config --show --select layout --format sarif
        """
    )

    @Flag(help: "Print the effective configuration (the default action).")
    var show = false

    @Argument(help: ArgumentHelp("Show the settings that apply to this file.", valueName: "path"))
    var path: String?

    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var reportOptions: ReportOptions
    @OptionGroup var inputOptions: InputOptions

    func run() throws {
        defer { Output.flush() }
        let config: ConfigFile?
        let folder = path.flatMap { configOptions.discoversPerFile ? ConfigResolver(workingDirectory: FileManager.default.currentDirectoryPath).folder(of: $0) : nil }
        do { config = try configOptions.load(discoveringFrom: folder) } catch {
            Output.error(error.report)
            throw ExitCode(Status.error)
        }
        var commandLine = ruleOptions.layer
        reportOptions.apply(to: &commandLine)
        inputOptions.apply(to: &commandLine)
        let cwd = FileManager.default.currentDirectoryPath
        let matched = path.map { config?.overrides(matching: $0, workingDirectory: cwd) ?? [] } ?? []
        let settings = Settings(config: config, overrides: matched, commandLine: commandLine)

        var output: String
        if let config {
            output = "# configuration file: \(config.path)\n"
        } else {
            output = configOptions.isolated ? "# no configuration file (--isolated)\n" : "# no configuration file found from \(folder ?? cwd) upward\n"
        }
        if let path { output += "# settings for \(path)" + (matched.isEmpty ? "; no override matches it" : "; overrides \(matched.map { String($0 + 1) }.joined(separator: ", ")) apply") + "\n" }
        output += Self.describe(settings)
        if let config, path == nil, !config.overrides.isEmpty {
            output += "overrides:\n"
            for override in config.overrides {
                output += Self.describe(override)
            }
        }
        Output.write(output)
    }

    /// One `key = value  # source` line per setting.
    static func describe(_ settings: Settings) -> String {
        var rows: [(String, String, SettingSource)] = [
            ("format", settings.format.value.rawValue, settings.format.source),
            ("select", list(settings.select.value), settings.select.source),
            ("ignore", list(settings.ignore.value), settings.ignore.source),
            ("extend-select", list(settings.extendSelect.value), settings.extendSelect.source),
            ("extend-ignore", list(settings.extendIgnore.value), settings.extendIgnore.source),
            ("per-file-ignores", list(settings.perFileIgnore.value), settings.perFileIgnore.source),
            ("rules", list(settings.rules.value), settings.rules.source),
            ("no-builtin", String(settings.noBuiltin.value), settings.noBuiltin.source),
            ("include", list(settings.include.value), settings.include.source),
            ("exclude", list(settings.exclude.value), settings.exclude.source),
        ]
        if settings.severity.isEmpty {
            rows.append(("severity", "{}", .defaultValue))
        } else {
            for (id, level) in settings.severity.sorted(by: { $0.key < $1.key }) {
                rows.append(("severity.\(id)", level.value.rawValue, level.source))
            }
        }
        if let minimum = settings.minimumSeverity.value {
            rows.append(("minimum severity", minimum.rawValue, settings.minimumSeverity.source))
        }
        return table(rows, indent: "")
    }

    static func describe(_ override: ConfigFile.Override) -> String {
        let layer = override.layer
        var rows: [(String, String, SettingSource)] = [("paths", list(override.paths), override.source)]
        if let value = layer.select { rows.append(("select", list(value.value), value.source)) }
        if let value = layer.ignore { rows.append(("ignore", list(value.value), value.source)) }
        if let value = layer.extendSelect { rows.append(("extend-select", list(value.value), value.source)) }
        if let value = layer.extendIgnore { rows.append(("extend-ignore", list(value.value), value.source)) }
        if let value = layer.perFileIgnore { rows.append(("per-file-ignores", list(value.value), value.source)) }
        if let value = layer.rules { rows.append(("rules", list(value.value), value.source)) }
        if let value = layer.noBuiltin { rows.append(("no-builtin", String(value.value), value.source)) }
        for (id, level) in layer.severity.sorted(by: { $0.key < $1.key }) {
            rows.append(("severity.\(id)", level.value.rawValue, level.source))
        }
        let lines = table(rows, indent: "    ")
        return "  - " + lines.dropFirst(4)
    }

    private static func table(_ rows: [(String, String, SettingSource)], indent: String) -> String {
        let left = rows.map { "\($0.0) = \($0.1)" }
        let width = left.map(\.count).max() ?? 0
        return zip(left, rows).map { text, row in
            indent + text + String(repeating: " ", count: width - text.count) + "  # \(row.2)\n"
        }.joined()
    }

    private static func list(_ values: [String]) -> String {
        "[" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
    }
}
