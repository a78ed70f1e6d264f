import Foundation
import Yams

/// Reads a configuration file as strictly as rule files are read: unknown keys (with a did-you-mean),
/// wrong types and bad values are ``Diagnostic``s at `path:line:col`, all reported at once.
enum ConfigLoader {
    /// Keys that apply to the whole run and so cannot be set per path.
    static let runKeys = ["include", "exclude", "format", "overrides", "per-file-ignores"]
    /// Keys that choose rules; they may also be set per path in `overrides`.
    static let ruleKeys = ["select", "ignore", "extend-select", "extend-ignore", "rules", "no-builtin", "severity"]
    /// The keys of the top-level mapping.
    static var fileKeys: [String] { ruleKeys + runKeys }
    /// The keys of one entry of `overrides`.
    static var overrideKeys: [String] { ["paths"] + ruleKeys }

    static func parse(_ yaml: String, path: String, folder: String) throws(ScrapeLintError) -> ConfigFile {
        var reader = Reader(context: RuleLoader.Context(path: path), path: path, folder: folder)
        let file = reader.file(yaml)
        let diagnostics = reader.context.diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        guard diagnostics.isEmpty, let file else { throw .invalidConfig(diagnostics) }
        return file
    }

    /// Walks one file; the YAML checks are those of the rule loader.
    struct Reader {
        var context: RuleLoader.Context
        let path: String
        let folder: String

        mutating func file(_ yaml: String) -> ConfigFile? {
            let root: Node?
            do { root = try Yams.compose(yaml: yaml) } catch {
                context.report(yamlError: error, in: yaml)
                return nil
            }
            // An empty file is a configuration that sets nothing.
            guard let root else { return ConfigFile(path: path, folder: folder, base: SettingsLayer(), overrides: []) }
            guard case .mapping(let mapping) = root else {
                context.report("a configuration file must be a mapping of settings", at: root)
                return nil
            }
            let fields = context.fields(of: mapping, allowed: ConfigLoader.fileKeys, what: "configuration")
            var base = layer(fields)
            if let node = fields["include"] { base.include = list(node, key: "include") }
            if let node = fields["exclude"] { base.exclude = list(node, key: "exclude") }
            if let node = fields["format"], let format = context.enumValue(node, key: "format", as: ReportFormat.self) {
                base.format = Sourced(format, source(node))
            }
            var overrides: [ConfigFile.Override] = []
            if let node = fields["overrides"] {
                if case .sequence(let sequence) = node {
                    overrides = sequence.compactMap { override($0) }
                } else {
                    context.report("`overrides` must be a list of mappings with `paths` and settings", at: node)
                }
            }
            if let node = fields["per-file-ignores"] { overrides += perFileIgnores(node) }
            return ConfigFile(path: path, folder: folder, base: base, overrides: overrides)
        }

        /// `per-file-ignores`: a mapping from a path glob (relative to the file's folder, `**` for any
        /// folders) to the rules to turn off there; each entry becomes an override after the others.
        mutating func perFileIgnores(_ node: Node) -> [ConfigFile.Override] {
            guard case .mapping(let mapping) = node else {
                context.report("`per-file-ignores` must be a mapping from a path glob to rule ids or categories", at: node)
                return []
            }
            var overrides: [ConfigFile.Override] = []
            for (key, value) in mapping {
                guard let glob = key.string, !glob.isEmpty else {
                    context.report("`per-file-ignores` keys must be path globs", at: key)
                    continue
                }
                guard let names = list(value, key: "per-file-ignores.\(glob)", commas: true) else { continue }
                var layer = SettingsLayer()
                layer.perFileIgnore = names
                overrides.append(ConfigFile.Override(paths: [glob], layer: layer, source: source(key), isPerFileIgnore: true))
            }
            return overrides
        }

        mutating func override(_ node: Node) -> ConfigFile.Override? {
            guard case .mapping(let mapping) = node else {
                context.report("each entry of `overrides` must be a mapping with `paths` and settings", at: node)
                return nil
            }
            let fields = context.fields(of: mapping, allowed: ConfigLoader.overrideKeys + ConfigLoader.runKeys, what: "override")
            for key in ConfigLoader.runKeys {
                if let keyNode = mapping.first(where: { $0.key.string == key })?.key {
                    context.report("`\(key)` applies to the whole run; it cannot be set in `overrides`", at: keyNode)
                }
            }
            guard let pathsNode = fields["paths"] else {
                context.report("an override needs `paths` (a list of globs)", at: node)
                return nil
            }
            guard let paths = list(pathsNode, key: "paths")?.value else { return nil }
            if paths.isEmpty { context.report("`paths` needs at least one glob", at: pathsNode) }
            return ConfigFile.Override(paths: paths, layer: layer(fields), source: source(node))
        }

        /// The rule-choosing keys, shared by the file and its overrides.
        mutating func layer(_ fields: [String: Node]) -> SettingsLayer {
            var layer = SettingsLayer()
            if let node = fields["select"] { layer.select = list(node, key: "select", commas: true) }
            if let node = fields["ignore"] { layer.ignore = list(node, key: "ignore", commas: true) }
            if let node = fields["extend-select"] { layer.extendSelect = list(node, key: "extend-select", commas: true) }
            if let node = fields["extend-ignore"] { layer.extendIgnore = list(node, key: "extend-ignore", commas: true) }
            if let node = fields["rules"], let paths = list(node, key: "rules") {
                layer.rules = Sourced(paths.value.map(resolve), paths.source)
            }
            if let node = fields["no-builtin"] {
                if case .scalar(let scalar) = node, let value = Bool.construct(from: scalar) {
                    layer.noBuiltin = Sourced(value, source(node))
                } else {
                    context.report("`no-builtin` must be true or false", at: node)
                }
            }
            if let node = fields["severity"] {
                if case .mapping(let mapping) = node {
                    for (key, value) in mapping {
                        guard let id = key.string else {
                            context.report("`severity` keys must be rule ids", at: key)
                            continue
                        }
                        if let level = context.enumValue(value, key: "severity.\(id)", as: Rule.Severity.self) {
                            layer.severity[id] = Sourced(level, source(value))
                        }
                    }
                } else {
                    context.report("`severity` must be a mapping from rule id to `error`, `warning` or `info`", at: node)
                }
            }
            return layer
        }

        /// A list of strings; with `commas`, a string of comma-separated names is accepted too.
        mutating func list(_ node: Node, key: String, commas: Bool = false) -> Sourced<[String]>? {
            if commas, case .scalar = node, let text = context.string(node, key: key) {
                let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                return Sourced(names, source(node))
            }
            guard let entries = context.stringList(node, key: key) else { return nil }
            return Sourced(entries.map(\.0), source(node))
        }

        func source(_ node: Node) -> SettingSource {
            .file(path: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        }

        /// A path from the file, made relative to the file's folder.
        func resolve(_ relative: String) -> String {
            relative.hasPrefix("/") ? relative : URL(fileURLWithPath: folder).appendingPathComponent(relative).standardizedFileURL.path
        }
    }
}
