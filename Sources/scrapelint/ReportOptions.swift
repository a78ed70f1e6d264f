import ArgumentParser
import Foundation
import ScrapeLintCore

/// How `check` reports: the format, colours, where the report goes, and what the exit status counts.
struct ReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Report format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")) (default: text).", valueName: "format"))
    var format: ReportFormat?

    @Option(help: ArgumentHelp("Colours in the text formats: auto (when standard output is a terminal and NO_COLOR is not set; FORCE_COLOR forces them), always or never.", valueName: "when"))
    var color: ColorChoice = .auto

    @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Run only rules of this level or above: info, warning or error.", valueName: "level"))
    var severity: Rule.Severity?

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Exit with status 1 only for violations at this level or above: info (default), warning or error. All selected rules still run and report.", valueName: "level"))
    var failOn: Rule.Severity?

    @Flag(help: "Exit with status 0 even when violations are found (errors still give 2).")
    var exitZero = false

    @Flag(help: "With --fix, exit with status 1 when anything was fixed, even if no violations remain.")
    var exitNonZeroOnFix = false

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    /// Adds what these options set to the command line's settings layer.
    func apply(to layer: inout SettingsLayer) {
        if let format { layer.format = Sourced(format, .commandLine("--format")) }
        if let severity { layer.minimumSeverity = Sourced(severity, .commandLine("--severity")) }
    }

    /// Whether to colour: `--color always|never` decide; for `auto`, a non-empty `NO_COLOR` turns colours
    /// off, then a non-empty `FORCE_COLOR` on, else they are used when the report goes to a terminal
    /// (standard output, not `--output`) whose `TERM` is not `dumb`.
    func useColor(environment: [String: String] = ProcessInfo.processInfo.environment,
                  standardOutputIsTerminal: Bool = isatty(1) == 1) -> Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            if let value = environment["NO_COLOR"], !value.isEmpty { return false }
            if let value = environment["FORCE_COLOR"], !value.isEmpty { return true }
            return (output == nil || output == "-") && standardOutputIsTerminal && environment["TERM"] != "dumb"
        }
    }

    /// How many of `violations` count towards exit status 1 (those at `--fail-on` or above).
    func failing(_ violations: [Violation]) -> Int {
        guard let failOn else { return violations.count }
        return violations.lazy.filter { $0.severity >= failOn }.count
    }

    /// The exit status, as ruff's: 2 on errors; else 0 with `--exit-zero`; else 1 when `--fix` changed
    /// something and `--exit-non-zero-on-fix` is given, when `--diff` has changes or fixes the safety valve
    /// refused (`diffChanged` non-nil in diff mode) or when `violations` (those at `--fail-on` or above)
    /// remain; else 0.
    func exitStatus(violations: Int, fixed: Int, errors: Int, diffChanged: Bool?) -> Int32 {
        if errors > 0 { return Status.error }
        if exitZero { return Status.clean }
        if let diffChanged { return diffChanged ? Status.violations : Status.clean }
        if exitNonZeroOnFix && fixed > 0 { return Status.violations }
        return violations > 0 ? Status.violations : Status.clean
    }
}

extension ReportFormat: ExpressibleByArgument {}
extension Rule.Severity: ExpressibleByArgument {}
