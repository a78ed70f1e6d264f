/// The settings one source gives (a configuration file, one of its `overrides`, the command line): every
/// key optional, `nil` when the source does not set it. Layers are stacked into ``Settings``.
public struct SettingsLayer: Sendable {
    public var select: Sourced<[String]>?
    public var ignore: Sourced<[String]>?
    /// Added to the `select` in effect (`extend-select`); a later layer's `select` replaces both.
    public var extendSelect: Sourced<[String]>?
    /// Added to the `ignore` in effect (`extend-ignore`); a later layer's `ignore` replaces both.
    public var extendIgnore: Sourced<[String]>?
    /// Rules a `per-file-ignores` entry turns off for the files it matches: added up across layers, never
    /// replaced, and stronger than any selection (as in ruff).
    public var perFileIgnore: Sourced<[String]>?
    /// Rule files and folders, already resolved against the folder of the file that names them.
    public var rules: Sourced<[String]>?
    public var noBuiltin: Sourced<Bool>?
    /// Severity per rule id; merged rule by rule across layers.
    public var severity: [String: Sourced<Rule.Severity>] = [:]
    public var include: Sourced<[String]>?
    public var exclude: Sourced<[String]>?
    public var format: Sourced<ReportFormat>?
    /// The minimum severity that runs (command line only: `--severity`).
    public var minimumSeverity: Sourced<Rule.Severity>?

    public init() {}
}
