import Foundation
import Testing

/// `scrapelint report --html`: a self-contained page whose numbers are those of `--statistics-json`,
/// reproducible for a seed, safe with any text, and rendering in headless Chromium without script errors.
@Suite struct ReportCommandTests {
    /// Debian's `chromium` (or $CHROMIUM), when installed.
    static let chromium: URL? = {
        let candidates = [ProcessInfo.processInfo.environment["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser"]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }.map(URL.init(fileURLWithPath:))
    }()

    private func report(_ arguments: [String], in folder: URL) throws -> String {
        let result = try CLI.run(["report", "--quiet", "--html", folder.appendingPathComponent("review.html").path] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try String(contentsOf: folder.appendingPathComponent("review.html"), encoding: .utf8)
    }

    /// Per rule id: matches, documents, bytes removed, from statistics JSON.
    private func statistics(_ data: Data) throws -> (rules: [String: [Int]], totals: [Int]) {
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var rules: [String: [Int]] = [:]
        for rule in object["rules"] as? [[String: Any]] ?? [] {
            rules[rule["rule"] as! String] = ["matches", "documents", "bytes_removed"].map { rule[$0] as! Int }
        }
        let matches = rules.values.reduce(0) { $0 + $1[0] }
        return (rules, [object["documents"] as! Int, matches, object["bytes_removed"] as! Int])
    }

    @Test func pageIsSelfContainedReproducibleAndCountsAsStatistics() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = try report(["Fixtures/pages", "--sample", "3", "--statistics-json", folder.appendingPathComponent("r.json").path], in: folder)
        for resource in ["src=", "href=", "url(", "@import", "http://", "https://"] {
            #expect(!page.contains(resource), "the page must load nothing: \(resource)")
        }
        #expect(page.contains(#"<script type="application/json" id="data">"#))
        #expect(try report(["Fixtures/pages", "--sample", "3"], in: folder) == page, "same seed, same page")
        #expect(try report(["Fixtures/pages", "--sample", "3", "--seed", "2"], in: folder) != page)
        let diff = try CLI.run(["check", "--diff", "--unsafe-fixes", "--statistics-json", folder.appendingPathComponent("d.json").path, "Fixtures/pages"])
        #expect(diff.status == 1)
        #expect(try Data(contentsOf: folder.appendingPathComponent("r.json")) == Data(contentsOf: folder.appendingPathComponent("d.json")))
    }

    @Test func textCannotBreakOutOfThePage() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let hostile = "</script><script>document.body.dataset.pwned='yes'</script><!-- <b>bold</b> & @DATA@"
        try Data("Story text.\nNOISE \(hostile)\nMore story.\n".utf8).write(to: folder.appendingPathComponent("page.txt"))
        try Data(("rules:\n  - id: noise\n    category: test\n    severity: warning\n    pattern: '^NOISE '\n    fix: delete-line\n"
            + "    message: noise\n    description: Noise.\n    examples: {match: ['NOISE x'], no-match: ['x']}\n").utf8)
            .write(to: folder.appendingPathComponent("noise.yml"))
        let page = try report([folder.appendingPathComponent("page.txt").path, "--no-builtin", "--rules",
                               folder.appendingPathComponent("noise.yml").path, "--title", hostile], in: folder)
        #expect(!page.contains("<script>document"))
        #expect(!page.contains("<b>bold"))
        #expect(page.components(separatedBy: "</script>").count == 4, "only the page's own three scripts close")
        guard let chromium = Self.chromium else { return }
        let dom = try render(chromium, folder.appendingPathComponent("review.html"), in: folder)
        #expect(dom.contains(#"data-rendered="yes""#))
        #expect(!dom.contains("data-pwned"), "the hostile script did not run")
        #expect(dom.contains("&lt;/script&gt;&lt;script&gt;document.body.dataset.pwned"), "the text is shown as text")
    }

    /// The page after its scripts ran, as headless Chromium sees it.
    private func render(_ chromium: URL, _ page: URL, in folder: URL, screenshot: URL? = nil) throws -> String {
        var arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
                         "--user-data-dir=" + folder.appendingPathComponent("chromium-profile").path]
        if let screenshot {
            arguments += ["--screenshot=" + screenshot.path, "--window-size=1280,2000"]
        } else {
            arguments.append("--dump-dom")
        }
        let result = try CLI.runTool(chromium, arguments + [page.absoluteString])
        #expect(result.status == 0, "\(result.stderr)")
        return result.out
    }

    @Test(.enabled(if: chromium != nil, "chromium is not installed (apt-get install -y chromium): the page is not rendered"))
    func rendersInHeadlessChromiumWithTheCountsOfStatistics() throws {
        let chromium = try #require(Self.chromium)
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let statisticsFile = folder.appendingPathComponent("stats.json")
        _ = try report(["Fixtures/pages", "Fixtures/reuters-kerry-2015.txt", "--sample", "5"], in: folder)
        _ = try CLI.run(["check", "--diff", "--unsafe-fixes", "--statistics-json", statisticsFile.path, "Fixtures/pages", "Fixtures/reuters-kerry-2015.txt"])
        let expected = try statistics(try Data(contentsOf: statisticsFile))

        let page = folder.appendingPathComponent("review.html")
        let dom = try render(chromium, page, in: folder)
        #expect(dom.contains(#"<body data-rendered="yes" data-errors="0" data-render-ms="#), "the script ran without errors: \(dom.prefix(400))")
        #expect(dom.contains(#"<pre id="errors" hidden="">"#))
        func attribute(_ name: String, in tag: Substring) -> String? {
            guard let range = tag.range(of: " \(name)=\"") else { return nil }
            return String(tag[range.upperBound...].prefix { $0 != "\"" })
        }
        var shown: [String: [Int]] = [:]
        for piece in dom.components(separatedBy: "<tr data-rule=\"").dropFirst() {
            let tag = Substring(" data-rule=\"" + piece.prefix { $0 != ">" })
            let id = attribute("data-rule", in: tag)!.replacingOccurrences(of: "&amp;", with: "&")
            shown[id] = ["data-matches", "data-documents", "data-bytes-removed"].map { Int(attribute($0, in: tag) ?? "") ?? -1 }
        }
        #expect(shown == expected.rules)
        #expect(shown.count > 30)
        let totalsTag = Substring(dom.components(separatedBy: #"<p id="totals""#)[1].prefix { $0 != ">" })
        #expect(["data-documents", "data-matches", "data-bytes-removed"].map { Int(attribute($0, in: totalsTag) ?? "") } == expected.totals)
        #expect(dom.components(separatedBy: #"<mark class="rm""#).count > 100, "samples and documents are marked")

        // The screenshot is an artifact of the run (.build/test-artifacts), for people to look at.
        let artifacts = CLI.root.appendingPathComponent(".build/test-artifacts")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let screenshot = artifacts.appendingPathComponent("report-screenshot.png")
        try? FileManager.default.removeItem(at: screenshot)
        _ = try render(chromium, page, in: folder, screenshot: screenshot)
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 20_000)
    }
}
