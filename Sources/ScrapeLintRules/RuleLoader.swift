import PCRE2
import Yams

/// Reads rule files strictly: every unknown key, wrong type, missing key, bad id, bad pattern and bad
/// reference is a ``Diagnostic`` with its `path:line:col`, and all the problems of a file are reported at
/// once. A file with any problem yields no rules.
public enum RuleLoader {
    /// The keys a rule file accepts at its top level.
    public static let fileKeys = ["description", "rules"]
    /// The keys a rule accepts.
    public static let ruleKeys = [
        "id", "category", "severity", "message", "description", "scope", "pattern", "flags", "unless", "fix",
        "replacement", "fix-safety", "examples", "max-words", "max-chars", "min-run", "near", "follows", "joins", "zone", "limits",
    ]
    /// The keys every rule must have.
    public static let requiredRuleKeys = ["id", "category", "severity", "message", "description", "pattern", "examples"]
    /// The keys of `examples`, `near`, `zone` and `limits`.
    public static let exampleKeys = ["match", "no-match"]
    public static let nearKeys = ["rules", "lines"]
    public static let zoneKeys = ["first", "last"]
    public static let limitKeys = ["match", "depth", "heap-kib"]

    /// Parses the rule file text `yaml` read from `path`: its rules, or none and the diagnostics.
    public static func parse(_ yaml: String, path: String) -> (rules: [Rule], diagnostics: [Diagnostic]) {
        var patterns = CompiledPatterns()
        let all = parseAll(yaml, path: path, patterns: &patterns)
        return all.diagnostics.isEmpty ? all : ([], all.diagnostics)
    }

    /// Every rule that parsed (duplicates too) beside the diagnostics, so that checks across rules (`near`
    /// targets) can report in the same round as the file's own errors. The patterns compiled to check the
    /// rules are added to `patterns`, for the rule set to run them without compiling them again.
    package static func parseAll(_ yaml: String, path: String, patterns: inout CompiledPatterns) -> (rules: [Rule], diagnostics: [Diagnostic]) {
        var context = Context(path: path)
        defer { patterns = context.patterns }
        context.patterns = patterns
        let root: Node?
        do {
            // The basic resolver: the loader reads every scalar as text itself, so tag resolution (regular
            // expressions for each plain scalar, a third of loading the built-in packs) is not needed.
            root = try Yams.compose(yaml: yaml, .basic)
        } catch {
            context.report(yamlError: error, in: yaml)
            return ([], context.diagnostics)
        }
        guard let root, case .mapping(let mapping) = root else {
            context.report("a rule file must be a mapping with a `rules` list", at: root)
            return ([], context.diagnostics)
        }
        let fields = context.fields(of: mapping, allowed: fileKeys, what: "rule file")
        if let description = fields["description"] { _ = context.string(description, key: "description") }
        guard let rulesNode = fields["rules"] else {
            context.report("missing key `rules`", at: root)
            return ([], context.diagnostics)
        }
        guard case .sequence(let sequence) = rulesNode else {
            context.report("`rules` must be a list of rules", at: rulesNode)
            return ([], context.diagnostics)
        }
        var rules: [Rule] = []
        var seen: [String: Node] = [:]
        for node in sequence {
            guard let rule = context.rule(from: node) else { continue }
            if let first = seen[rule.id] {
                let mark = first.mark
                context.report("duplicate rule id `\(rule.id)` (first defined at \(mark?.line ?? 1):\(mark?.column ?? 1))", at: node)
                rules.append(rule)
                continue
            }
            seen[rule.id] = node
            rules.append(rule)
        }
        // In file order, so that a reader can walk down the file.
        let sorted = context.diagnostics.enumerated().sorted { ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset) }
        return (rules, sorted.map(\.element))
    }

    /// Collects diagnostics while walking one file.
    package struct Context {
        package let path: String
        package var diagnostics: [Diagnostic] = []
        /// The patterns compiled so far (see ``CompiledPatterns``).
        var patterns = CompiledPatterns()

        package init(path: String) { self.path = path }

        package mutating func report(_ message: String, at node: Node?) {
            let mark = node?.mark
            diagnostics.append(Diagnostic(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message))
        }

        /// Reports a YAML error of `text` at the place it names.
        package mutating func report(yamlError error: Error, in text: String) {
            switch error {
            case YamlError.scanner(let context, let problem, let mark, _),
                 YamlError.parser(let context, let problem, let mark, _),
                 YamlError.composer(let context, let problem, let mark, _):
                let prefix = context.map { "\($0.text) " } ?? ""
                diagnostics.append(Diagnostic(path: path, line: mark.line, column: mark.column, message: "invalid YAML: \(prefix)\(problem)"))
            case YamlError.duplicatedKeysInMapping(let duplicates, let context):
                // The mark is the first occurrence; the others are the lines that start the same key at the
                // same indentation, further down the same mapping.
                for key in duplicates {
                    let again = Context.lines(startingKey: key, after: context.mark.line, column: context.mark.column, in: text)
                    let places = again.map { "\($0):\(context.mark.column)" }.joined(separator: ", ")
                    diagnostics.append(Diagnostic(path: path, line: context.mark.line, column: context.mark.column,
                                                  message: "duplicate key `\(key)`" + (again.isEmpty ? "" : " (again at \(places))")))
                }
            case YamlError.reader(let problem, let offset, _, _):
                // A NUL or another character YAML does not allow: the reader says at which byte.
                let position = offset.map { Context.position(of: $0, in: Array(text.utf8)) } ?? (line: 1, column: 1)
                diagnostics.append(Diagnostic(path: path, line: position.line, column: position.column, message: "invalid YAML: \(problem)"))
            default:
                diagnostics.append(Diagnostic(path: path, line: 1, column: 1, message: "invalid YAML: \(error)"))
            }
        }

        /// The 1-based line and column of byte `offset` of `bytes`, as ``Document`` counts them (lines end at
        /// LF, CR or CRLF; a BOM is not a column; a column is a UTF-8 lead byte with its continuation bytes,
        /// or one byte of anything else). `RuleLoaderTests` compares it with `Document.position(of:)`.
        package static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
            let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
            let contentStart = hasBOM ? 3 : 0
            guard contentStart < bytes.count else { return (1, 1) }
            // The start of the last line that starts at or before `offset` (the first line when none does).
            var line = 0
            var lineStart = contentStart
            var index = contentStart
            while index < bytes.count {
                let byte = bytes[index]
                guard byte == 0x0A || byte == 0x0D else {
                    index += 1
                    continue
                }
                let end = byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? index + 2 : index + 1
                guard end < bytes.count, end <= offset else { break }
                line += 1
                lineStart = end
                index = end
            }
            var cursor = lineStart
            var column = 1
            while cursor < offset && cursor < bytes.count {
                let byte = bytes[cursor]
                let expected = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC0 ? 1 : 0
                var end = cursor + 1
                var taken = 0
                while taken < expected, end < bytes.count, bytes[end] & 0xC0 == 0x80 {
                    end += 1
                    taken += 1
                }
                column += 1
                guard end <= offset else { break }
                cursor = end
            }
            return (line + 1, column)
        }

        /// The lines after `line` of `text` (1-based, the same block mapping) that start with `key:` at
        /// `column`.
        static func lines(startingKey key: String, after line: Int, column: Int, in text: String) -> [Int] {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            var found: [Int] = []
            for index in line..<lines.count {
                let content = lines[index]
                let indent = content.prefix { $0 == " " }.count
                let rest = content.dropFirst(indent)
                if rest.isEmpty || rest.hasPrefix("#") { continue }
                if indent < column - 1 { break }
                if indent == column - 1, rest.hasPrefix(key + ":") || rest.hasPrefix("\"\(key)\":") { found.append(index + 1) }
            }
            return found
        }

        /// The values of a mapping by key; reports unknown (with a did-you-mean), duplicate and non-string keys.
        package mutating func fields(of mapping: Node.Mapping, allowed: [String], what: String) -> [String: Node] {
            var fields: [String: Node] = [:]
            for (key, value) in mapping {
                guard case .scalar(let scalar) = key else {
                    report("\(what) keys must be plain words", at: key)
                    continue
                }
                let name = scalar.string
                guard allowed.contains(name) else {
                    var message = "unknown key `\(name)` in \(what)"
                    if let suggestion = Suggestion.closest(to: name, in: allowed) { message += "; did you mean `\(suggestion)`?" }
                    report(message, at: key)
                    continue
                }
                if fields[name] != nil {
                    report("duplicate key `\(name)` in \(what)", at: key)
                    continue
                }
                fields[name] = value
            }
            return fields
        }

        package mutating func string(_ node: Node, key: String) -> String? {
            guard case .scalar(let scalar) = node,
                  !(scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string))
            else {
                report("`\(key)` must be a string", at: node)
                return nil
            }
            return scalar.string
        }

        package mutating func nonEmptyString(_ node: Node, key: String) -> String? {
            guard let value = string(node, key: key) else { return nil }
            guard !value.trimmingWhitespace.isEmpty else {
                report("`\(key)` must not be empty", at: node)
                return nil
            }
            return value
        }

        package mutating func positiveInt(_ node: Node, key: String, allowZero: Bool = false) -> Int? {
            guard case .scalar(let scalar) = node, scalar.style == .plain, let value = Int(scalar.string),
                  value > 0 || (allowZero && value == 0)
            else {
                report("`\(key)` must be \(allowZero ? "a whole number, 0 or more" : "a whole number, 1 or more")", at: node)
                return nil
            }
            return value
        }

        package mutating func enumValue<T: RawRepresentable & CaseIterable>(_ node: Node, key: String, as: T.Type) -> T?
        where T.RawValue == String {
            guard let text = string(node, key: key) else { return nil }
            if let value = T(rawValue: text) { return value }
            let names = T.allCases.map(\.rawValue)
            var message = "`\(key)` must be one of \(names.map { "`\($0)`" }.joined(separator: ", ")); got `\(text)`"
            if let suggestion = Suggestion.closest(to: text, in: names) { message += "; did you mean `\(suggestion)`?" }
            report(message, at: node)
            return nil
        }

        package mutating func stringList(_ node: Node, key: String) -> [(String, Node)]? {
            switch node {
            case .sequence(let sequence):
                var values: [(String, Node)] = []
                for item in sequence {
                    guard case .scalar(let scalar) = item else {
                        report("each entry of `\(key)` must be a string", at: item)
                        return nil
                    }
                    values.append((scalar.string, item))
                }
                return values
            default:
                report("`\(key)` must be a list of strings", at: node)
                return nil
            }
        }

        package mutating func compile(_ source: String, options: CompileOptions, key: String, at node: Node) -> Pattern? {
            do {
                return try patterns.pattern(source, options: options)
            } catch {
                if case .compile(_, let message, let offset) = error {
                    report("`\(key)` does not compile: \(message) (at offset \(offset) in the pattern)", at: node)
                } else {
                    report("`\(key)` does not compile: \(error)", at: node)
                }
                return nil
            }
        }

        /// Builds one rule, or reports why it cannot be built.
        package mutating func rule(from node: Node) -> Rule? {
            guard case .mapping(let mapping) = node else {
                report("each entry of `rules` must be a mapping", at: node)
                return nil
            }
            let before = diagnostics.count
            let fields = fields(of: mapping, allowed: RuleLoader.ruleKeys, what: "rule")
            for key in RuleLoader.requiredRuleKeys where fields[key] == nil {
                let idText = fields["id"].flatMap { $0.scalar?.string }.map { " `\($0)`" } ?? ""
                report("rule\(idText) is missing required key `\(key)`", at: node)
            }

            let id = fields["id"].flatMap { nonEmptyString($0, key: "id") }
            if let id, let idNode = fields["id"], !RuleLoader.isKebabCase(id) {
                report("rule id `\(id)` must be kebab-case (lowercase letters and digits joined by single hyphens)", at: idNode)
            }
            let category = fields["category"].flatMap { nonEmptyString($0, key: "category") }
            if let category, let node = fields["category"], !RuleLoader.isKebabCase(category) {
                report("category `\(category)` must be kebab-case", at: node)
            }
            let severity = fields["severity"].flatMap { enumValue($0, key: "severity", as: Rule.Severity.self) }
            let message = fields["message"].flatMap { nonEmptyString($0, key: "message") }
            let description = fields["description"].flatMap { nonEmptyString($0, key: "description") }
            let scope = fields["scope"].map { enumValue($0, key: "scope", as: Rule.Scope.self) } ?? .line
            let fix = fields["fix"].map { enumValue($0, key: "fix", as: Rule.FixKind.self) } ?? Rule.FixKind.none
            var flags: [Rule.Flag] = []
            if let node = fields["flags"] {
                let entries: [(String, Node)]?
                if case .scalar(let scalar) = node {
                    entries = scalar.string.split(separator: " ").map { (String($0), node) }
                } else {
                    entries = stringList(node, key: "flags")
                }
                for (name, entryNode) in entries ?? [] {
                    guard let flag = Rule.Flag(rawValue: name) else {
                        var text = "unknown flag `\(name)`; flags are \(Rule.Flag.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "))"
                        if let suggestion = Suggestion.closest(to: name, in: Rule.Flag.allCases.map(\.rawValue)) {
                            text += "; did you mean `\(suggestion)`?"
                        }
                        report(text, at: entryNode)
                        continue
                    }
                    if !flags.contains(flag) { flags.append(flag) }
                }
            }
            let options = flags.reduce(into: CompileOptions()) { $0.formUnion($1.compileOption) }

            var pattern: Pattern?
            if let node = fields["pattern"], let source = nonEmptyString(node, key: "pattern") {
                pattern = compile(source, options: options, key: "pattern", at: node)
                if let compiled = pattern, RuleLoader.matchesEmpty(compiled) {
                    report("`pattern` matches the empty string, so it would match everywhere", at: node)
                    pattern = nil
                }
            }
            var unless: String?
            if let node = fields["unless"], let source = nonEmptyString(node, key: "unless") {
                if compile(source, options: options, key: "unless", at: node) != nil { unless = source }
            }
            var replacement: String?
            if let node = fields["replacement"] {
                if case .scalar(let scalar) = node {
                    replacement = scalar.string
                } else {
                    report("`replacement` must be a string", at: node)
                }
                if fix != nil && fix != .replace {
                    report("`replacement` is only used with `fix: replace`", at: node)
                }
            }
            var fixSafety: FixSafety?
            if let node = fields["fix-safety"] {
                fixSafety = enumValue(node, key: "fix-safety", as: FixSafety.self)
                if fix == nil || fix == Rule.FixKind.none { report("`fix-safety` needs a `fix`", at: node) }
            }
            if fix == .replace && fields["replacement"] == nil {
                report("`fix: replace` needs a `replacement`", at: fields["fix"] ?? node)
            }
            if let pattern {
                let neverCaptures = DefineGroups.numbers(in: pattern.source, captureCount: pattern.captureCount,
                                                         extended: flags.contains(.extended))
                if let node = fields["message"], let message {
                    do { _ = try Template(message, captureCount: pattern.captureCount, names: pattern.groupNames, neverCaptures: neverCaptures) } catch {
                        report(RuleLoader.describe(error, key: "message", captureCount: pattern.captureCount), at: node)
                    }
                }
                if let node = fields["replacement"], let replacement {
                    do { _ = try Template(replacement, captureCount: pattern.captureCount, names: pattern.groupNames, neverCaptures: neverCaptures) } catch {
                        report(RuleLoader.describe(error, key: "replacement", captureCount: pattern.captureCount), at: node)
                    }
                }
            }
            let ruleGates = gates(from: fields, scope: scope)
            var ruleLimits: MatchLimits?
            if let node = fields["limits"] { ruleLimits = limits(from: node) }
            var ruleExamples: Rule.Examples?
            if let node = fields["examples"] { ruleExamples = examples(from: node) }

            guard diagnostics.count == before, let id, let category, let severity, let message, let description,
                  let scope, let fix, let pattern, let ruleExamples
            else { return nil }
            let mark = node.mark
            return Rule(
                id: id, category: category, severity: severity, message: message, description: description,
                scope: scope, pattern: pattern.source, flags: flags, unless: unless, fix: fix,
                replacement: replacement, fixSafety: fixSafety, gates: ruleGates, limits: ruleLimits, examples: ruleExamples,
                origin: Rule.Origin(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1))
        }

        package mutating func examples(from node: Node) -> Rule.Examples? {
            guard case .mapping(let mapping) = node else {
                report("`examples` must be a mapping with `match` and `no-match` lists", at: node)
                return nil
            }
            let fields = fields(of: mapping, allowed: RuleLoader.exampleKeys, what: "examples")
            var lists: [String: [String]] = [:]
            for key in RuleLoader.exampleKeys {
                guard let list = fields[key] else {
                    report("`examples` needs a `\(key)` list with at least one example", at: node)
                    continue
                }
                guard let entries = stringList(list, key: key) else { continue }
                if entries.isEmpty { report("`\(key)` needs at least one example", at: list) }
                lists[key] = entries.map(\.0)
            }
            guard let match = lists["match"], let noMatch = lists["no-match"], !match.isEmpty, !noMatch.isEmpty else { return nil }
            return Rule.Examples(match: match, noMatch: noMatch)
        }

        package mutating func gates(from fields: [String: Node], scope: Rule.Scope?) -> Gates {
            var gates = Gates()
            gates.maxWords = fields["max-words"].flatMap { positiveInt($0, key: "max-words") }
            gates.maxChars = fields["max-chars"].flatMap { positiveInt($0, key: "max-chars") }
            if let node = fields["min-run"] {
                gates.minRun = positiveInt(node, key: "min-run")
                if let scope, scope != .line { report("`min-run` works only with `scope: line`", at: node) }
            }
            if let node = fields["near"] {
                if case .mapping(let mapping) = node {
                    let near = self.fields(of: mapping, allowed: RuleLoader.nearKeys, what: "near")
                    let ids = near["rules"].flatMap { stringList($0, key: "rules") }
                    let lines = near["lines"].flatMap { positiveInt($0, key: "lines", allowZero: true) }
                    if near["rules"] == nil || near["lines"] == nil {
                        report("`near` needs `rules` (a list of rule ids) and `lines` (a distance)", at: node)
                    } else if let ids, ids.isEmpty {
                        report("`near.rules` needs at least one rule id", at: near["rules"])
                    } else if let ids, let lines {
                        gates.near = Gates.Near(rules: ids.map(\.0), lines: lines)
                    }
                } else {
                    report("`near` must be a mapping with `rules` and `lines`", at: node)
                }
            }
            if let node = fields["follows"] {
                if let ids = stringList(node, key: "follows") {
                    if ids.isEmpty { report("`follows` needs at least one rule id", at: node) } else { gates.follows = ids.map(\.0) }
                }
                if let scope, scope != .line { report("`follows` works only with `scope: line`", at: node) }
            }
            if let node = fields["joins"] {
                if let ids = stringList(node, key: "joins") {
                    if ids.isEmpty { report("`joins` needs at least one rule id", at: node) } else { gates.joins = ids.map(\.0) }
                }
                if let scope, scope != .line { report("`joins` works only with `scope: line`", at: node) }
            }
            if let node = fields["zone"] {
                if case .mapping(let mapping) = node {
                    let zone = self.fields(of: mapping, allowed: RuleLoader.zoneKeys, what: "zone")
                    if zone.count != 1 {
                        if zone.count > 1 || mapping.count == 0 {
                            report("`zone` needs exactly one of `first` or `last`", at: node)
                        }
                    } else if let (edgeName, value) = zone.first, let edge = Gates.Zone.Edge(rawValue: edgeName) {
                        if let extent = zoneExtent(value, key: "zone.\(edgeName)") {
                            gates.zone = Gates.Zone(edge: edge, extent: extent)
                        }
                    }
                } else {
                    report("`zone` must be a mapping such as `{first: 5}` or `{last: \"20%\"}`", at: node)
                }
            }
            return gates
        }

        package mutating func zoneExtent(_ node: Node, key: String) -> Gates.Zone.Extent? {
            guard case .scalar(let scalar) = node else {
                report("`\(key)` must be a number of lines or a percentage such as \"20%\"", at: node)
                return nil
            }
            let text = scalar.string
            if text.hasSuffix("%"), let percent = Int(text.dropLast()), percent > 0, percent <= 100 {
                return .percent(percent)
            }
            if let count = Int(text), count > 0 { return .lines(count) }
            report("`\(key)` must be a number of lines (1 or more) or a percentage from 1% to 100%", at: node)
            return nil
        }

        package mutating func limits(from node: Node) -> MatchLimits? {
            guard case .mapping(let mapping) = node else {
                report("`limits` must be a mapping of `match`, `depth` and `heap-kib`", at: node)
                return nil
            }
            let fields = fields(of: mapping, allowed: RuleLoader.limitKeys, what: "limits")
            var limits = MatchLimits.default
            if let value = fields["match"].flatMap({ positiveInt($0, key: "limits.match") }) { limits.match = UInt32(clamping: value) }
            if let value = fields["depth"].flatMap({ positiveInt($0, key: "limits.depth") }) { limits.depth = UInt32(clamping: value) }
            if let value = fields["heap-kib"].flatMap({ positiveInt($0, key: "limits.heap-kib") }) { limits.heapKiB = UInt32(clamping: value) }
            return limits
        }
    }

    package static func describe(_ error: Template.ParseError, key: String, captureCount: Int) -> String {
        switch error {
        case .unknownGroup(let name):
            return "`\(key)` refers to group `\(name)`, but the pattern has \(captureCount == 0 ? "no groups" : captureCount == 1 ? "1 group" : "\(captureCount) groups")\(name.first?.isNumber == false ? " and no group of that name" : "")"
        case .neverCaptures(let name):
            return "`\(key)` refers to group `\(name)`, which is inside `(?(DEFINE)...)` and never captures (number the groups after the DEFINE block, or name the group)"
        case .malformed(let offset):
            return "`\(key)` has a malformed `$` reference at offset \(offset) (write `$$` for a literal dollar sign)"
        }
    }

    static func isKebabCase(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }
        }
    }

    /// True when the pattern matches an empty subject, so it would flag every unit.
    static func matchesEmpty(_ pattern: Pattern) -> Bool {
        pattern.matchesEmptySubject()
    }
}

extension String {
    var trimmingWhitespace: Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return Substring(scalars[first...last])
    }
}
