#if Vectorscan
import Foundation
@testable import ScrapeLintCore
import Testing

/// The cached Hyperscan database is keyed by the rules' source expressions and the versions of the rewrites
/// (``VectorscanDatabase/cacheKey(_:combined:)``), not by what is compiled: a rewrite changed without its
/// version raised would let users keep a database compiled by the old one. This test pins a digest of what
/// the database compile makes of the built-in packs, at the versions it was taken at, and fails when the
/// digest changes while the versions stay, saying which version to raise.
@Suite struct RewritePinTests {
    /// The versions in the cache key and the digests of the rewrites' output at those versions.
    struct Pin: Equatable {
        var syntax: Int
        var byteSyntax: Int
        var admission: Int
        /// SHA-256 of ``VectorscanDatabase/widened(_:)`` of every expression (pure Swift).
        var widened: String
        /// SHA-256 of ``VectorscanDatabase/byteModeSource(_:flags:)`` of every expression (pure Swift).
        var byteMode: String
        /// The Hyperscan library ``admitted`` was taken with (which expressions it takes, and how, is its say).
        var library: String
        /// SHA-256 of ``VectorscanDatabase/admit(_:flags:)`` of every expression: flags and source, as compiled.
        var admitted: String

        /// The pin as Swift source, to paste into ``RewritePinTests/pin``.
        var literal: String {
            """
            Pin(syntax: \(syntax), byteSyntax: \(byteSyntax), admission: \(admission),
                widened: "\(widened)",
                byteMode: "\(byteMode)",
                library: "\(library)",
                admitted: "\(admitted)")
            """
        }
    }

    /// Taken at main's rewrites with Intel Hyperscan 5.4.0 (the packages of scripts/dev and CI).
    static let pin = Pin(syntax: 2, byteSyntax: 3, admission: 3,
        widened: "93514cc4d0524429df76ab1a34562a03dc85877d6fdbbc2509f055c44a64a7a9",
        byteMode: "47b51b32b0e9663b21796c44e376565d2a0db8124a7eb99777c6fac294ba3e73",
        library: "5.4.0 2021-01-26",
        admitted: "52ba0aa001b08ffa5baac4190de2545c725212c802e810bec69b5277b26160b4")

    /// The expressions of the built-in packs' database, as ``PrefilterProvider/make(for:)`` gives them to it.
    static var expressions: [VectorscanDatabase.Expression] {
        PrefilterProvider.make(for: BuiltinRuleTests.ruleSet.rules).0?.expressions ?? []
    }

    /// SHA-256 of `sources` in order, each as `flags length source` (nil as `-`), so no two lists share one.
    static func digest(_ sources: [(flags: UInt32, source: String)?]) -> String {
        var text = ""
        for entry in sources {
            guard let entry else {
                text += "-\n"
                continue
            }
            text += "\(entry.flags) \(entry.source.utf8.count) \(entry.source)\n"
        }
        return SHA256.hex(of: Array(text.utf8))
    }

    /// The pin of the current code. The admitted digest depends on the library: with another library than the
    /// pin's it is not taken (the pinned one is kept); the rewrites' digests are the library's no business.
    static func current(pinned: Pin) -> Pin {
        let expressions = Self.expressions
        let sameLibrary = VectorscanDatabase.libraryVersion == pinned.library
        return Pin(
            syntax: PrefilterSyntax.version, byteSyntax: PrefilterByteSyntax.version, admission: VectorscanDatabase.admissionVersion,
            widened: digest(expressions.map { VectorscanDatabase.widened($0.source).map { (0, $0) } }),
            byteMode: digest(expressions.map { VectorscanDatabase.byteModeSource($0.source, flags: $0.flags).map { (0, $0) } }),
            library: pinned.library,
            admitted: sameLibrary
                ? digest(expressions.map { VectorscanDatabase.admit($0.source, flags: $0.flags).map { ($0.flags, $0.source) } })
                : pinned.admitted)
    }

    /// What is wrong with `current` against `pinned`, as the message of the failure; nil when they agree.
    static func problem(current: Pin, pinned: Pin) -> String? {
        guard current != pinned else { return nil }
        let versionsKept = (current.syntax, current.byteSyntax, current.admission) == (pinned.syntax, pinned.byteSyntax, pinned.admission)
        var message: String
        if versionsKept {
            // Any one raised version changes every cache key; name the one of the code that changed.
            let raise = current.widened != pinned.widened ? "PrefilterSyntax.version (Sources/ScrapeLintCore/Search/PrefilterSyntax.swift)"
                : current.byteMode != pinned.byteMode ? "PrefilterByteSyntax.version (Sources/ScrapeLintCore/Search/PrefilterByteSyntax.swift)"
                : "VectorscanDatabase.admissionVersion (Sources/ScrapeLintCore/Search/VectorscanDatabase.swift)"
            message = "The prefilter rewrites now compile the built-in packs differently, but the versions in the database cache key "
                + "did not change: users would keep databases compiled by the old rewrite. Raise \(raise), then run this test again "
                + "and paste the pin it prints into RewritePinTests.pin."
        } else {
            message = "A version in the database cache key was raised: update RewritePinTests.pin."
        }
        message += "\nNew pin:\n" + current.literal
        if VectorscanDatabase.libraryVersion != pinned.library {
            message += "\n(admitted kept, not checked: this library is \(VectorscanDatabase.libraryVersion), the pin's \(pinned.library).)"
        }
        return message
    }

    @Test func rewritesOfTheBuiltinPacksMatchThePin() {
        #expect(Self.expressions.count >= 60)
        let current = Self.current(pinned: Self.pin)
        if let problem = Self.problem(current: current, pinned: Self.pin) { Issue.record(Comment(rawValue: problem)) }
    }

    /// The judgement itself, on made-up pins: a changed output with the versions kept names the version to raise.
    @Test func aChangedRewriteWithItsVersionKeptFails() throws {
        let pinned = Pin(syntax: 2, byteSyntax: 3, admission: 3, widened: "w", byteMode: "b", library: "L", admitted: "a")
        #expect(Self.problem(current: pinned, pinned: pinned) == nil)
        var changed = pinned
        changed.byteMode = "b2"
        changed.admitted = "a2"
        #expect(try #require(Self.problem(current: changed, pinned: pinned)).contains("Raise PrefilterByteSyntax.version"))
        changed.widened = "w2"
        #expect(try #require(Self.problem(current: changed, pinned: pinned)).contains("Raise PrefilterSyntax.version"))
        var admittedOnly = pinned
        admittedOnly.admitted = "a2"
        #expect(try #require(Self.problem(current: admittedOnly, pinned: pinned)).contains("Raise VectorscanDatabase.admissionVersion"))
        // Raised and not re-pinned: still a failure (else the next change would go unchecked), asking for the pin.
        var raised = changed
        raised.byteSyntax = 4
        let message = try #require(Self.problem(current: raised, pinned: pinned))
        #expect(message.contains("update RewritePinTests.pin") && !message.contains("Raise"))
        #expect(message.contains("byteSyntax: 4"))
    }
}
#endif
