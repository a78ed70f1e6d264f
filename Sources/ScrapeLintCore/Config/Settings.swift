/// The effective settings of a run (or of one file, with its `overrides`): defaults, then each layer in
/// order, a later layer's value replacing an earlier one's (`severity` is merged rule by rule).
public struct Settings: Sendable {
    public var select = Sourced<[String]>([], .defaultValue)
    public var ignore = Sourced<[String]>([], .defaultValue)
    /// The `extend-select` entries of the layers since the last one that set `select`, in order.
    public var extendSelect = Sourced<[String]>([], .defaultValue)
    /// The `extend-ignore` entries of the layers since the last one that set `ignore`, in order.
    public var extendIgnore = Sourced<[String]>([], .defaultValue)
    /// The `per-file-ignores` that match the file, added up.
    public var perFileIgnore = Sourced<[String]>([], .defaultValue)
    public var rules = Sourced<[String]>([], .defaultValue)
    public var noBuiltin = Sourced(false, .defaultValue)
    public var severity: [String: Sourced<Rule.Severity>] = [:]
    public var include = Sourced(["*.txt"], .defaultValue)
    public var exclude = Sourced<[String]>([], .defaultValue)
    public var format = Sourced(ReportFormat.text, .defaultValue)
    public var minimumSeverity = Sourced<Rule.Severity?>(nil, .defaultValue)

    /// The settings of an input: `config`'s base, the overrides at `overrides` (indices, as
    /// ``ConfigFile/overrides(matching:workingDirectory:)`` gives them), then `commandLine`.
    public init(config: ConfigFile?, overrides: [Int] = [], commandLine: SettingsLayer) {
        var layers = config.map { [$0.base] } ?? []
        for index in overrides { layers.append(config!.overrides[index].layer) }
        self.init(layers + [commandLine])
    }

    public init(_ layers: [SettingsLayer] = []) {
        for layer in layers {
            if let value = layer.select {
                select = value
                extendSelect = Sourced([], .defaultValue)
            }
            if let value = layer.ignore {
                ignore = value
                extendIgnore = Sourced([], .defaultValue)
            }
            if let value = layer.extendSelect { extendSelect = Sourced(extendSelect.value + value.value, value.source) }
            if let value = layer.extendIgnore { extendIgnore = Sourced(extendIgnore.value + value.value, value.source) }
            if let value = layer.perFileIgnore { perFileIgnore = Sourced(perFileIgnore.value + value.value, value.source) }
            if let value = layer.rules { rules = value }
            if let value = layer.noBuiltin { noBuiltin = value }
            severity.merge(layer.severity) { $1 }
            if let value = layer.include { include = value }
            if let value = layer.exclude { exclude = value }
            if let value = layer.format { format = value }
            if let value = layer.minimumSeverity { minimumSeverity = Sourced(value.value, value.source) }
        }
    }

    /// The rules these settings choose.
    public var ruleSelection: RuleSelection {
        var selection = RuleSelection(builtin: !noBuiltin.value, ruleFiles: rules.value, select: select.value, ignore: ignore.value,
                                      severities: severity.mapValues(\.value), minimumSeverity: minimumSeverity.value,
                                      extendSelect: extendSelect.value, extendIgnore: extendIgnore.value, perFileIgnore: perFileIgnore.value)
        selection.severitySources = severity.mapValues(\.source)
        return selection
    }
}
