import Foundation
import Testing

/// Choosing rules as ruff does (`ALL`, categories, id prefixes, `--extend-select` / `--extend-ignore`, the
/// more specific entry winning), dependencies shown as such by `rules`, and `--fail-on`.
@Suite struct SelectionTests {
    /// The ids `rules --format json` lists with `selected: true`, and those it lists as dependencies.
    func listed(_ arguments: [String], in folder: URL? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> (selected: [String], dependencies: [String: [String]]) {
        let result = try CLI.run(["rules", "--format", "json"] + arguments, in: folder)
        #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
        let rules = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]], sourceLocation: sourceLocation)
        var selected: [String] = [], dependencies: [String: [String]] = [:]
        for rule in rules {
            let id = try #require(rule["id"] as? String, sourceLocation: sourceLocation)
            if rule["selected"] as? Bool == true {
                selected.append(id)
                #expect((rule["dependency-of"] as? [String]) == [], sourceLocation: sourceLocation)
            } else {
                dependencies[id] = rule["dependency-of"] as? [String]
            }
        }
        return (selected, dependencies)
    }

    @Test func rulesShowsGateDependenciesApart() throws {
        let text = try CLI.run(["rules", "--isolated", "--select", "counters"])
        #expect(text.status == 0)
        let parts = text.out.components(separatedBy: "\nNot selected; run only for the `near` gates of selected rules, and report nothing:\n")
        #expect(parts.count == 2)
        #expect(parts[0].split(separator: "\n").dropFirst().map { String($0.prefix(while: { $0 != " " })) }
            == ["counter-share-pair", "counter-labelled", "counter-abbreviated"])
        #expect(parts[1].contains("layout-breakpoint-label  layout    warning   on       delete-line       needed by counter-share-pair\n"))
        #expect(parts[1].contains("share-widget-label       share     warning   on       delete-line       needed by counter-share-pair, counter-abbreviated\n"))

        let json = try listed(["--isolated", "--select", "counters"])
        #expect(json.selected == ["counter-share-pair", "counter-labelled", "counter-abbreviated"])
        #expect(json.dependencies == [
            "footer-staff-credits": ["counter-share-pair"], "layout-breakpoint-label": ["counter-share-pair"],
            "share-widget-label": ["counter-share-pair", "counter-abbreviated"],
            "share-network-row": ["counter-share-pair", "counter-abbreviated"],
        ])
    }

    /// `--ignore layout` keeps the layout rule that a counter rule's gate needs, but not as selected.
    @Test func ignoredCategoryIsNotListedAsSelected() throws {
        let json = try listed(["--isolated", "--ignore", "layout"])
        #expect(!json.selected.contains { $0.hasPrefix("layout-") })
        let everything = try listed(["--isolated"]).selected
        #expect(json.selected.count == everything.count - everything.filter { $0.hasPrefix("layout-") }.count)
        // stamp-lone-date counts a date only beside page chrome, which layout rules find.
        #expect(json.dependencies == [
            "layout-breakpoint-label": ["counter-share-pair"], "layout-image-placeholder": ["stamp-lone-date"],
            "layout-stray-symbol": ["stamp-lone-date"], "layout-nav-menu": ["layout-nav-item", "stamp-lone-date"],
            "layout-nav-item": ["stamp-lone-date"],
        ])
        let text = try CLI.run(["rules", "--isolated", "--ignore", "layout"])
        let selectedPart = try #require(text.out.components(separatedBy: "\nNot selected;").first)
        #expect(!selectedPart.contains("layout-"))
    }

    @Test func allPrefixesAndSpecificity() throws {
        #expect(try listed(["--isolated", "--select", "caption-"]).selected == ["caption-agency-credit", "caption-photo-credit", "caption-labelled-block"])
        // ALL is every rule outside the opt-in category `normalisation` (7 of the built-in rules); the
        // default listing shows those too, as off.
        let all = try listed(["--isolated", "--select", "ALL"]).selected
        #expect(all.count == (try listed(["--isolated"]).selected.count) - 7)
        #expect(!all.contains { $0.hasPrefix("whitespace-") })
        // The more specific entry wins: an id over a category, a prefix over a category.
        #expect(try listed(["--isolated", "--select", "ALL", "--ignore", "credits", "--extend-select", "caption-agency-credit"]).selected.filter { $0.hasPrefix("cap") || $0.hasPrefix("cred") }
            == ["caption-agency-credit"])
        #expect(try listed(["--isolated", "--select", "credits", "--ignore", "caption-"]).selected
            == ["credit-labelled-line", "credit-file-photo-caption", "credit-bare-agency-line", "credit-name-agency-line", "credit-staff-photo-caption"])
        #expect(try listed(["--isolated", "--select", "caption-", "--ignore", "credits"]).selected
            == ["caption-agency-credit", "caption-photo-credit", "caption-labelled-block"])
        // At equal specificity, ignore wins.
        #expect(try listed(["--isolated", "--select", "stamps", "--ignore", "stamps", "--extend-select", "counters"]).selected
            == ["counter-share-pair", "counter-labelled", "counter-abbreviated"])
        let bad = try CLI.run(["rules", "--isolated", "--select", "caption"])
        #expect(bad.status == 2)
        #expect(bad.stderr == "scrapelint: error: `caption` is not a rule id, a category, an id prefix ending in `-` or ALL\n")
        let notAPrefix = try CLI.run(["rules", "--isolated", "--select", "nothing-"])
        #expect(notAPrefix.status == 2)
    }

    /// `extend-select` / `extend-ignore` add to the configured lists; `select` on the command line replaces
    /// the file's (and the file's extensions of it).
    @Test func extendAddsToTheConfiguration() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "select: [counters]\nextend-select: [stamps]\nignore: counter-labelled\n".write(to: folder.appendingPathComponent(".scrapelint.yml"), atomically: true, encoding: .utf8)
        let counters = ["counter-share-pair", "counter-abbreviated"]
        let stamps = ["stamp-date-time-age", "stamp-lone-date", "stamp-age-banner", "stamp-posted-by", "stamp-agency-byline"]
        #expect(try listed([], in: folder).selected == counters + stamps)
        #expect(try listed(["--extend-select", "layout-breakpoint-label"], in: folder).selected == counters + ["layout-breakpoint-label"] + stamps)
        #expect(try listed(["--extend-ignore", "counter-share-pair"], in: folder).selected == ["counter-abbreviated"] + stamps)
        #expect(try listed(["--select", "layout"], in: folder).selected == [
            "layout-breakpoint-label", "layout-icon-ligature", "layout-template-variable", "layout-image-placeholder", "layout-stray-symbol",
            "layout-nav-menu", "layout-nav-item", "layout-nav-block", "layout-mojibake-blank", "layout-pixel-alt", "layout-widget-credit",
            "layout-form-label", "layout-form-button", "layout-nav-row", "layout-symbol-separated-list", "layout-nested-menu-item",
        ])
        #expect(try listed(["--ignore", "stamps"], in: folder).selected == ["counter-share-pair", "counter-labelled", "counter-abbreviated"])
        let show = try CLI.run(["config", "--show", "--extend-ignore", "stamp-lone-date"], in: folder)
        #expect(show.out.contains("extend-select = [\"stamps\"]"))
        #expect(show.out.contains("extend-ignore = [\"stamp-lone-date\"]  # command line (--extend-ignore)"))
    }

    @Test func failOnSetsTheLevelThatFails() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A warning (counter-share-pair) and an info (whitespace-trailing) violation.
        try "Prose.\n0 : 0\n• narrow-browser-and-phone\nMore prose. \n".write(to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        let base = ["check", "--isolated", "--format", "concise", "a.txt"]
        let plain = try CLI.run(base, in: folder)
        #expect(plain.status == 1)
        let error = try CLI.run(base + ["--fail-on", "error"], in: folder)
        #expect(error.status == 0)
        #expect(error.out == plain.out)
        #expect(error.out.contains("[counter-share-pair]"))
        #expect(try CLI.run(base + ["--fail-on", "warning"], in: folder).status == 1)
        let infoOnly = try CLI.run(base + ["--select", "normalisation", "--fail-on", "warning"], in: folder)
        #expect(infoOnly.status == 0)
        #expect(infoOnly.out.contains("[whitespace-trailing]"))
        #expect(try CLI.run(base + ["--select", "normalisation", "--fail-on", "info"], in: folder).status == 1)
        let records = Data("{\"id\": \"r1\", \"text\": \"Prose.\\n0 : 0\\n• narrow-browser-and-phone\\n\"}\n".utf8)
        #expect(try CLI.run(["check", "--isolated", "--jsonl", "-q", "-", "--fail-on", "error"], stdin: records).status == 0)
        #expect(try CLI.run(["check", "--isolated", "--jsonl", "-q", "-", "--fail-on", "warning"], stdin: records).status == 1)
    }
}
