// Build-time tool: loads the built-in rule packs with the rule loader (every diagnostic, with its
// path:line:col, fails the build) and writes a Swift source file that holds the loaded rules, so that no
// YAML is parsed when scrapelint starts, and the packs' text (for `rules --format markdown`, which quotes
// each pack's description), so that the binary works when copied alone; and, for each line rule whose
// pattern is anchored, its line-start bytes (``LineStartBytes``; and the paragraph-start bytes of anchored
// paragraph patterns), so that start-up does not compile every such pattern a second time to derive them.
// Usage: embed-rules OUTPUT.swift RULEFILE...
import Foundation
import PCRE2
import ScrapeLintRules

let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: embed-rules OUTPUT.swift RULEFILE...\n".utf8))
    exit(2)
}

/// A Swift string literal for `text`, escaping everything that is not printable ASCII.
func literal(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": result += "\\\\"
        case "\"": result += "\\\""
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case " "..."~": result.unicodeScalars.append(scalar)
        default: result += "\\u{\(String(scalar.value, radix: 16))}"
        }
    }
    return result + "\""
}

func literal(_ text: String?) -> String { text.map { literal($0) } ?? "nil" }

func literal(_ list: [String]) -> String { "[" + list.map { literal($0) }.joined(separator: ", ") + "]" }

func literal(_ list: [String]?) -> String { list.map { literal($0) } ?? "nil" }

func literal(_ number: Int?) -> String { number.map(String.init) ?? "nil" }

/// A case of an enum, as Swift source (`.deleteLine`).
func literal(case value: some Any) -> String { "." + String(describing: value) }

func literal(_ gates: Gates) -> String {
    var parts: [String] = []
    if let value = gates.maxWords { parts.append("maxWords: \(value)") }
    if let value = gates.maxChars { parts.append("maxChars: \(value)") }
    if let value = gates.minRun { parts.append("minRun: \(value)") }
    if let near = gates.near { parts.append("near: Gates.Near(rules: \(literal(near.rules)), lines: \(near.lines))") }
    if let zone = gates.zone {
        let extent = switch zone.extent {
        case .lines(let count): ".lines(\(count))"
        case .percent(let percent): ".percent(\(percent))"
        }
        parts.append("zone: Gates.Zone(edge: \(literal(case: zone.edge)), extent: \(extent))")
    }
    if let follows = gates.follows { parts.append("follows: \(literal(follows))") }
    if let joins = gates.joins { parts.append("joins: \(literal(joins))") }
    return "Gates(" + parts.joined(separator: ", ") + ")"
}

/// The rule as a Swift expression that builds it, every field written out.
func literal(_ rule: Rule) -> String {
    let limits = rule.limits.map { "MatchLimits(match: \($0.match), depth: \($0.depth), heapKiB: \($0.heapKiB))" } ?? "nil"
    return """
            Rule(
                id: \(literal(rule.id)), category: \(literal(rule.category)), severity: \(literal(case: rule.severity)),
                message: \(literal(rule.message)),
                description: \(literal(rule.description)),
                scope: \(literal(case: rule.scope)),
                pattern: \(literal(rule.pattern)),
                flags: [\(rule.flags.map { literal(case: $0) }.joined(separator: ", "))], unless: \(literal(rule.unless)),
                fix: \(literal(case: rule.fix)), replacement: \(literal(rule.replacement)),
                fixSafety: \(rule.fixSafety.map { literal(case: $0) } ?? "nil"),
                gates: \(literal(rule.gates)), limits: \(limits),
                examples: Rule.Examples(match: \(literal(rule.examples.match)), noMatch: \(literal(rule.examples.noMatch))),
                origin: Rule.Origin(path: \(literal(rule.origin.path)), line: \(rule.origin.line), column: \(rule.origin.column))),

    """
}

/// Reports a problem of the built-in packs as the compiler reports one, so the build fails pointing at it.
func fail(_ path: String, _ line: Int, _ column: Int, _ message: String) {
    FileHandle.standardError.write(Data("\(path):\(line):\(column): error: \(message)\n".utf8))
}

var failed = false
var files: [(name: String, contents: String)] = []
var rules: [Rule] = []
/// Each rule's real file and position, in the order of `rules`.
var places: [(path: String, line: Int, column: Int)] = []
/// Where each rule was defined, by id: the real file, for messages about a rule defined twice.
var definedAt: [String: (path: String, line: Int, column: Int)] = [:]
for path in arguments.dropFirst().sorted() {
    let name = URL(fileURLWithPath: path).lastPathComponent
    guard let data = FileManager.default.contents(atPath: path) else {
        fail(path, 1, 1, "cannot read the rule file")
        failed = true
        continue
    }
    guard let text = String(validating: data, as: UTF8.self) else {
        fail(path, 1, 1, "the rule file is not valid UTF-8")
        failed = true
        continue
    }
    files.append((name, text))
    let parsed = RuleLoader.parse(text, path: path)
    for diagnostic in parsed.diagnostics { fail(diagnostic.path, diagnostic.line, diagnostic.column, diagnostic.message) }
    failed = failed || !parsed.diagnostics.isEmpty
    for var rule in parsed.rules {
        let origin = rule.origin
        if let first = definedAt[rule.id] {
            fail(path, origin.line, origin.column, "duplicate rule id `\(rule.id)` (also defined at \(first.path):\(first.line):\(first.column))")
            failed = true
        }
        definedAt[rule.id] = definedAt[rule.id] ?? (path, origin.line, origin.column)
        // Built-in rules report their origin under `<builtin>/`, the loader's view of an embedded pack.
        rule.origin.path = Rule.Origin.builtinPrefix + name
        rules.append(rule)
        places.append((path, origin.line, origin.column))
    }
}
for (rule, place) in zip(rules, places) {
    for anchor in rule.gates.anchorRules where definedAt[anchor] == nil {
        fail(place.path, place.line, place.column, "`\(rule.gates.gateKey(naming: anchor))` names unknown rule `\(anchor)`")
        failed = true
    }
}
if failed { exit(1) }

/// The line-start bytes of every anchored line pattern of the packs, each (source, options) once (a
/// dictionary literal with a key twice would trap at run time), in rule order.
/// The same for the paragraph-start bytes of every anchored paragraph pattern.
func startBytes(_ rules: [Rule], of scope: Rule.Scope, _ derive: (String, Pattern, CompileOptions) -> ByteSet?) -> [(key: PatternKey, bytes: ByteSet?)] {
    var table: [(key: PatternKey, bytes: ByteSet?)] = []
    var seen: Set<PatternKey> = []
    for rule in rules where rule.scope == scope {
        let options = rule.compileOptions
        let key = PatternKey(source: rule.pattern, options: options.rawValue)
        guard !seen.contains(key) else { continue }
        seen.insert(key)
        // The loader compiled it already (a pack that does not compile failed above).
        guard let pattern = try? Pattern(rule.pattern, options: options, jit: false), LineStartBytes.needsCompile(pattern) else { continue }
        table.append((key, derive(rule.pattern, pattern, options)))
    }
    return table
}
let lineStarts = startBytes(rules, of: .line) { LineStartBytes.derive($0, pattern: $1, options: $2) }
let paragraphStarts = startBytes(rules, of: .paragraph) { LineStartBytes.paragraphStart($0, pattern: $1, options: $2) }

/// A byte set as Swift source.
func literal(_ bytes: ByteSet?) -> String {
    guard let words = bytes?.bitmap else { return "nil" }
    func hex(_ word: UInt64) -> String { "0x" + String(word, radix: 16) }
    return "ByteSet(words: (\(hex(words.0)), \(hex(words.1)), \(hex(words.2)), \(hex(words.3))))"
}

var source = """
// Generated by embed-rules from Rules/*.yml at build time (loaded and checked by RuleLoader). Do not edit.
import PCRE2
import ScrapeLintRules

enum EmbeddedRulePacks {
    /// Each pack's name and text.
    static let files: [(name: String, contents: String)] = [

"""
for file in files { source += "        (\(literal(file.name)), \(literal(file.contents))),\n" }
source += """
    ]

    /// The packs' rules in load order, as the rule loader read them.
    static let rules: [Rule] = [

"""
for rule in rules { source += literal(rule) }
source += """
    ]

    /// The PCRE2 library that derived ``lineStartBytes`` (the table is used only with the same library).
    static let pcre2Version = \(literal(Pattern.libraryVersion))

    /// The line-start bytes of each anchored line pattern of the packs, by source and options (nil: it has
    /// none), as ``LineStartBytes/derive(_:pattern:options:anchor:)`` gave them at build time.
    static let lineStartBytes: [PatternKey: ByteSet?] =
"""
/// A table as the body of a dictionary literal (`[:]` when empty).
func literal(_ table: [(key: PatternKey, bytes: ByteSet?)]) -> String {
    guard !table.isEmpty else { return " [:]\n" }
    return " [\n" + table.map { "        PatternKey(source: \(literal($0.key.source)), options: \($0.key.options)): \(literal($0.bytes)),\n" }.joined() + "    ]\n"
}
source += literal(lineStarts)
source += """

    /// The paragraph-start bytes of each anchored paragraph pattern of the packs, as
    /// ``LineStartBytes/paragraphStart(_:pattern:options:)`` gave them at build time.
    static let paragraphStartBytes: [PatternKey: ByteSet?] =
"""
source += literal(paragraphStarts) + "}\n"
do {
    try Data(source.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
} catch {
    FileHandle.standardError.write(Data("embed-rules: cannot write \(output): \(error)\n".utf8))
    exit(1)
}
