import Foundation
import ScrapeLintCore
import Testing

/// The library's front door and the configuration pieces it shares with the command line.
@Suite struct LinterTests {
    static let page = Array("January 12, 2015 / 12:20 PM / 5 years ago\nThe story.\n".utf8)

    @Test func checkFixAndReport() throws {
        let linter = try Linter()
        #expect(linter.check(Self.page).violations.map(\.ruleID) == ["stamp-date-time-age"])
        #expect(linter.fix(Self.page).bytes == Array("The story.\n".utf8))
        #expect(linter.report(Self.page, path: "page.txt") == """
        page.txt:1:1: warning: page stamp line: 'January 12, 2015 / 12:20 PM / 5 years ago' [stamp-date-time-age]
        Found 1 violation in 1 file (1 fixable with --fix).

        """)
    }

    @Test func selectionErrorsNameTheUnknown() {
        #expect(throws: ScrapeLintError.unknownSelector("stampz", suggestion: "stamps")) { try Linter(RuleSelection(select: ["stampz"])) }
        #expect(throws: ScrapeLintError.unknownRule("stamp-date-time-agee", suggestion: "stamp-date-time-age")) {
            try Linter(RuleSelection(severities: ["stamp-date-time-agee": .error]))
        }
    }

    @Test func severityOverridesAndMinimum() throws {
        let raised = try Linter(RuleSelection(severities: ["stamp-date-time-age": .error], minimumSeverity: .error))
        #expect(raised.check(Self.page).violations.map(\.severity) == [.error])
        let dropped = try Linter(RuleSelection(minimumSeverity: .error))
        #expect(dropped.check(Self.page).violations.isEmpty)
    }

    @Test func settingsLayersStackAndMergeSeverities() {
        var file = SettingsLayer()
        file.select = Sourced(["layout"], .file(path: "c.yml", line: 1, column: 9))
        file.severity["a-rule"] = Sourced(.error, .file(path: "c.yml", line: 3, column: 5))
        var override = SettingsLayer()
        override.select = Sourced(["counters"], .file(path: "c.yml", line: 6, column: 13))
        override.severity["b-rule"] = Sourced(.info, .file(path: "c.yml", line: 7, column: 5))
        var commandLine = SettingsLayer()
        commandLine.format = Sourced(.sarif, .commandLine("--format"))
        let settings = Settings([file, override, commandLine])
        #expect(settings.select.value == ["counters"])
        #expect(settings.select.source.description == "c.yml:6:13")
        #expect(settings.severity.mapValues(\.value) == ["a-rule": .error, "b-rule": .info])
        #expect(settings.format.source.description == "command line (--format)")
        #expect(settings.include.value == ["*.txt"] && settings.include.source == .defaultValue)
    }

    @Test func overrideGlobsMatchRelativePathsOrFileNames() {
        let config = ConfigFile(path: "/p/.scrapelint.yml", folder: "/p", base: SettingsLayer(), overrides: [
            ConfigFile.Override(paths: ["archive/*"], layer: SettingsLayer(), source: .defaultValue),
            ConfigFile.Override(paths: ["*.draft.txt"], layer: SettingsLayer(), source: .defaultValue),
        ])
        #expect(config.overrides(matching: "archive/2015/a.txt", workingDirectory: "/p") == [0])
        #expect(config.overrides(matching: "../archive/b.draft.txt", workingDirectory: "/p/sub") == [0, 1])
        #expect(config.overrides(matching: "/elsewhere/x.draft.txt", workingDirectory: "/p") == [1])
        #expect(config.overrides(matching: "news/a.txt", workingDirectory: "/p") == [])
        #expect(config.overrides(matching: "-", workingDirectory: "/p") == [])
    }
}
