#if Vectorscan
import Foundation
@testable import ScrapeLintCore
import Testing

/// The cached Hyperscan database is keyed by the rules' source expressions and the versions of the rewrites
/// (``VectorscanDatabase/cacheKey(_:combined:)``), not by what is compiled: a rewrite changed without its
/// version raised would let users keep a database compiled by the old one. `Tests/Snapshots/prefilter-rewrites.pin`
/// pins, per expression of the built-in packs (by the digest of its flags and source), digests of what the
/// database compile makes of it, at the versions it was taken at; this test fails when one changes while the
/// versions stay, saying which version to raise. A rule whose pattern changes is a new expression, which the
/// key tells apart already: it is not judged (until the pin is taken again), so editing rules does not trip it
/// (until over half of the built-in expressions are missing from the pin, which asks for the pin to be taken again).
@Suite struct RewritePinTests {
    /// Digests of what the compile makes of one expression (16 hex digits of SHA-256 each).
    struct Outputs: Equatable {
        /// ``VectorscanDatabase/widened(_:)`` (pure Swift).
        var widened: String
        /// ``VectorscanDatabase/byteModeSource(_:flags:)`` (pure Swift).
        var byteMode: String
        /// ``VectorscanDatabase/admit(_:flags:)``: flags and source as compiled (Hyperscan's say too).
        var admitted: String
    }

    /// The pin file's contents.
    struct Pin: Equatable {
        var syntax: Int
        var byteSyntax: Int
        var admission: Int
        /// The Hyperscan library the admitted digests were taken with.
        var library: String
        /// Per expression digest (flags and source), its outputs.
        var entries: [String: Outputs]

        var text: String {
            var text = "# What the prefilter database compile makes of each built-in expression: RewritePinTests.\n"
                + "# Take it again with SCRAPELINT_UPDATE_PINS=1 swift test --filter RewritePinTests (after raising a version).\n"
                + "versions \(syntax) \(byteSyntax) \(admission)\nlibrary \(library)\n"
            for (id, outputs) in entries.sorted(by: { $0.key < $1.key }) {
                text += "\(id) \(outputs.widened) \(outputs.byteMode) \(outputs.admitted)\n"
            }
            return text
        }

        init(syntax: Int, byteSyntax: Int, admission: Int, library: String, entries: [String: Outputs]) {
            (self.syntax, self.byteSyntax, self.admission, self.library, self.entries) = (syntax, byteSyntax, admission, library, entries)
        }

        init?(_ text: String) {
            var lines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
            guard lines.count >= 2, lines[0].hasPrefix("versions "), lines[1].hasPrefix("library ") else { return nil }
            let versions = lines[0].split(separator: " ").dropFirst().compactMap { Int($0) }
            guard versions.count == 3 else { return nil }
            (syntax, byteSyntax, admission) = (versions[0], versions[1], versions[2])
            library = String(lines[1].dropFirst("library ".count))
            lines.removeFirst(2)
            entries = [:]
            for line in lines {
                let fields = line.split(separator: " ").map(String.init)
                guard fields.count == 4 else { return nil }
                entries[fields[0]] = Outputs(widened: fields[1], byteMode: fields[2], admitted: fields[3])
            }
        }
    }

    static let pinFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Snapshots/prefilter-rewrites.pin").path

    /// 16 hex digits of SHA-256 of `flags length source` (nil as `-`).
    static func digest(_ flags: UInt32, _ source: String?) -> String {
        let text = source.map { "\(flags) \($0.utf8.count) \($0)" } ?? "-"
        return String(SHA256.hex(of: Array(text.utf8)).prefix(16))
    }

    /// The pin of the current code over the built-in packs' expressions (as ``PrefilterProvider/make(for:)``
    /// forms them), with rule ids by expression digest for messages.
    static func current() -> (pin: Pin, rules: [String: String]) {
        var entries: [String: Outputs] = [:]
        var rules: [String: String] = [:]
        for rule in BuiltinRuleTests.ruleSet.rules {
            guard let expression = PrefilterProvider.expression(for: rule) else { continue }
            let id = digest(expression.flags, expression.source)
            let admitted = VectorscanDatabase.admit(expression.source, flags: expression.flags)
            entries[id] = Outputs(widened: digest(0, VectorscanDatabase.widened(expression.source)),
                                  byteMode: digest(0, VectorscanDatabase.byteModeSource(expression.source, flags: expression.flags)),
                                  admitted: digest(admitted?.flags ?? 0, admitted?.source))
            rules[id, default: ""] += (rules[id] == nil ? "" : ", ") + rule.id
        }
        return (Pin(syntax: PrefilterSyntax.version, byteSyntax: PrefilterByteSyntax.version, admission: VectorscanDatabase.admissionVersion,
                    library: VectorscanDatabase.libraryVersion, entries: entries), rules)
    }

    /// Why `current` may not replace `pinned`, as the message of the failure; nil when it may (no output of
    /// an expression both hold changed, or the versions were raised). The admitted digests are compared only
    /// when both were taken with the same library.
    static func problem(current: Pin, pinned: Pin, rules: [String: String] = [:]) -> String? {
        guard (current.syntax, current.byteSyntax, current.admission) == (pinned.syntax, pinned.byteSyntax, pinned.admission) else { return nil }
        var widened: [String] = [], byteMode: [String] = [], admitted: [String] = []
        for (id, now) in current.entries.sorted(by: { $0.key < $1.key }) {
            guard let then = pinned.entries[id] else { continue }
            let name = rules[id] ?? id
            if now.widened != then.widened { widened.append(name) }
            if now.byteMode != then.byteMode { byteMode.append(name) }
            if current.library == pinned.library && now.admitted != then.admitted { admitted.append(name) }
        }
        // Any one raised version changes every cache key; name the one of the code that changed.
        let (raise, changed) = !widened.isEmpty ? ("PrefilterSyntax.version (Sources/ScrapeLintCore/Search/PrefilterSyntax.swift)", widened)
            : !byteMode.isEmpty ? ("PrefilterByteSyntax.version (Sources/ScrapeLintCore/Search/PrefilterByteSyntax.swift)", byteMode)
            : ("VectorscanDatabase.admissionVersion (Sources/ScrapeLintCore/Search/VectorscanDatabase.swift)", admitted)
        guard !changed.isEmpty else { return nil }
        return "The prefilter database compile now makes something else of \(changed.count) built-in expression(s) "
            + "(\(changed.prefix(5).joined(separator: "; "))), but the versions in its cache key did not change: users would keep "
            + "databases compiled the old way. Raise \(raise), then take the pin again: "
            + "SCRAPELINT_UPDATE_PINS=1 swift test --filter RewritePinTests"
    }

    @Test func rewritesOfTheBuiltinPacksMatchThePin() throws {
        let (current, rules) = Self.current()
        #expect(current.entries.count >= 60)
        let text = try String(contentsOfFile: Self.pinFile, encoding: .utf8)
        let pinned = try #require(Pin(text), "\(Self.pinFile) is not a pin file")
        if let problem = Self.problem(current: current, pinned: pinned, rules: rules) {
            Issue.record(Comment(rawValue: problem))
            return
        }
        let stale = current.library != pinned.library || (current.syntax, current.byteSyntax, current.admission) != (pinned.syntax, pinned.byteSyntax, pinned.admission)
        let unpinned = current.entries.keys.filter { pinned.entries[$0] == nil }.count
        guard ProcessInfo.processInfo.environment["SCRAPELINT_UPDATE_PINS"] == "1" else {
            #expect(!stale || current.library != pinned.library,
                    "A version in the prefilter cache key was raised: take the pin again (SCRAPELINT_UPDATE_PINS=1 swift test --filter RewritePinTests)")
            // Rules edited since the pin was taken are not judged; keep most of them judged.
            #expect(unpinned * 2 <= current.entries.count,
                    "\(unpinned) of \(current.entries.count) built-in expressions are not in the pin: take it again (SCRAPELINT_UPDATE_PINS=1 swift test --filter RewritePinTests)")
            return
        }
        try #require(current.library == pinned.library || pinned.entries.isEmpty,
                     "take the pin with the library it was taken with (\(pinned.library)), not \(current.library)")
        try current.text.write(toFile: Self.pinFile, atomically: true, encoding: .utf8)
        Issue.record("rewrote \(Self.pinFile): review it with git diff, then run the test again without SCRAPELINT_UPDATE_PINS")
    }

    /// The judgement itself, on made-up pins: a changed output with the versions kept names the version to
    /// raise; a new expression (a rule edited) or raised versions are not a problem.
    @Test func aChangedRewriteWithItsVersionKeptFails() throws {
        let outputs = Outputs(widened: "w", byteMode: "b", admitted: "a")
        let pinned = Pin(syntax: 2, byteSyntax: 3, admission: 3, library: "L", entries: ["e1": outputs, "e2": outputs])
        #expect(Self.problem(current: pinned, pinned: pinned) == nil)
        var edited = pinned
        edited.entries["e2"] = nil
        edited.entries["e3"] = Outputs(widened: "w3", byteMode: "b3", admitted: "a3")
        #expect(Self.problem(current: edited, pinned: pinned) == nil)
        var changed = pinned
        changed.entries["e1"] = Outputs(widened: "w", byteMode: "b2", admitted: "a2")
        let message = try #require(Self.problem(current: changed, pinned: pinned, rules: ["e1": "rule-one"]))
        #expect(message.contains("Raise PrefilterByteSyntax.version") && message.contains("(rule-one)"))
        changed.entries["e2"] = Outputs(widened: "w2", byteMode: "b", admitted: "a")
        #expect(try #require(Self.problem(current: changed, pinned: pinned)).contains("Raise PrefilterSyntax.version"))
        var admittedOnly = pinned
        admittedOnly.entries["e1"] = Outputs(widened: "w", byteMode: "b", admitted: "a2")
        #expect(try #require(Self.problem(current: admittedOnly, pinned: pinned)).contains("Raise VectorscanDatabase.admissionVersion"))
        admittedOnly.library = "M"
        #expect(Self.problem(current: admittedOnly, pinned: pinned) == nil)
        changed.byteSyntax = 4
        #expect(Self.problem(current: changed, pinned: pinned) == nil)
        #expect(Pin(pinned.text) == pinned)
    }
}
#endif
