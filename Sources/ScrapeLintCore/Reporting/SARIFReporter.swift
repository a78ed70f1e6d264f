import Foundation

/// A SARIF 2.1.0 log with one run: the tool with every loaded rule in `tool.driver.rules`, and one result
/// per violation with its region (lines, columns in Unicode code points, byte offset and length), a
/// snippet, and the fix as byte replacements. Written when the run ends.
public struct SARIFReporter: Reporter {
    let ruleSet: RuleSet
    private var results: [String] = []

    public init(ruleSet: RuleSet) { self.ruleSet = ruleSet }

    public mutating func report(_ file: FileReport) -> String {
        let positions = file.positions()
        for index in file.violations.indices {
            results.append(result(file.violations[index], at: positions.starts[index], to: positions.ends[index], in: file))
        }
        return ""
    }

    public mutating func finish(_ summary: RunSummary) -> String {
        let driver = JSON.object([
            ("name", JSON.string("scrapelint")),
            ("version", JSON.string(ScrapeLintVersion.current)),
            ("semanticVersion", JSON.string(ScrapeLintVersion.current)),
            ("rules", JSON.array(ruleSet.rules.map { Self.descriptor($0.rule) })),
        ])
        let run = JSON.object([
            ("tool", JSON.object([("driver", driver)])),
            ("invocations", JSON.array([JSON.object([("executionSuccessful", summary.errors == 0 ? "true" : "false")])])),
            ("columnKind", JSON.string("unicodeCodePoints")),
            ("results", JSON.array(results)),
        ])
        let log = JSON.object([
            ("$schema", JSON.string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", JSON.string("2.1.0")),
            ("runs", JSON.array([run])),
        ])
        return JSON.pretty(log) + "\n"
    }

    /// A `reportingDescriptor` for a rule.
    static func descriptor(_ rule: Rule) -> String {
        JSON.object([
            ("id", JSON.string(rule.id)),
            ("shortDescription", JSON.object([("text", JSON.string(RuleDocumentation.firstSentence(rule.description)))])),
            ("fullDescription", JSON.object([("text", JSON.string(RuleDocumentation.flatten(rule.description)))])),
            ("defaultConfiguration", JSON.object([("level", JSON.string(level(rule.severity)))])),
            ("properties", JSON.object([
                ("category", JSON.string(rule.category)),
                ("tags", JSON.array([JSON.string(rule.category)])),
                ("scope", JSON.string(rule.scope.rawValue)),
                ("fix", JSON.string(rule.fix.rawValue)),
            ])),
        ])
    }

    static func level(_ severity: Rule.Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    private func result(_ violation: Violation, at start: SourcePosition, to end: SourcePosition, in file: FileReport) -> String {
        let document = file.document
        let artifact = JSON.object([("uri", JSON.string(Self.uri(file.path)))])
        let region = JSON.object([
            ("startLine", String(start.line)), ("startColumn", String(start.column)),
            ("endLine", String(end.line)), ("endColumn", String(end.column)),
            ("byteOffset", String(violation.range.lowerBound)), ("byteLength", String(violation.range.count)),
            ("snippet", Self.content(document.bytes[violation.range])),
        ])
        var pairs: [(String, String)] = [
            ("ruleId", JSON.string(violation.ruleID)),
            ("ruleIndex", String(ruleSet[violation.ruleID]?.index ?? -1)),
            ("level", JSON.string(Self.level(violation.severity))),
            ("message", JSON.object([("text", JSON.string(violation.message))])),
            ("locations", JSON.array([JSON.object([
                ("physicalLocation", JSON.object([("artifactLocation", artifact), ("region", region)])),
            ])])),
        ]
        if let fix = violation.fix {
            let replacements = fix.edits.map { edit in
                var replacement = [("deletedRegion", JSON.object([
                    ("byteOffset", String(edit.range.lowerBound)), ("byteLength", String(edit.range.count)),
                ]))]
                if !edit.replacement.isEmpty { replacement.append(("insertedContent", Self.content(edit.replacement[...]))) }
                return JSON.object(replacement)
            }
            let kind = ruleSet[violation.ruleID]?.rule.fix.rawValue ?? "fix"
            pairs.append(("fixes", JSON.array([JSON.object([
                ("description", JSON.object([("text", JSON.string(kind))])),
                ("artifactChanges", JSON.array([JSON.object([("artifactLocation", artifact), ("replacements", JSON.array(replacements))])])),
            ])])))
        }
        if let record = file.recordID {
            pairs.append(("properties", JSON.object([("record", JSON.string(record))])))
        }
        return JSON.object(pairs)
    }

    /// An `artifactContent`: `text` when the bytes are valid UTF-8, else `binary` (base64).
    static func content(_ bytes: ArraySlice<UInt8>) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return JSON.object([("text", JSON.string(text))]) }
        return JSON.object([("binary", JSON.string(Data(bytes).base64EncodedString()))])
    }

    /// A path as a URI reference: percent-encoded, `file://` for an absolute path.
    static func uri(_ path: String) -> String {
        let encoded = path.addingPercentEncoding(withAllowedCharacters: uriSafe) ?? path
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }

    private static let uriSafe = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/")
}
