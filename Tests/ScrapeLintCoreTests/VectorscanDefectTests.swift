#if Vectorscan
import Foundation
@testable import ScrapeLintCore
import Testing

/// Whether the loaded Hyperscan-API library misses matches a prefilter must report. Vectorscan 5.4.9
/// (Debian's libvectorscan5) does, on x86-64 with AVX-512, whatever platform the database is compiled for
/// (upstream VectorCamp/vectorscan#317 and #304): with it these are intermittent known issues and the
/// prefilter stays off by default. Intel Hyperscan 5.4.0 (Debian's libhyperscan5) missed nothing over many
/// repetitions (README "How matching works"): with it, a library proven exact
/// (``VectorscanLibrary/isProvenExact``), these tests must pass every time, and fail if it misses a match.
@Suite struct VectorscanDefectTests {
    /// Runs `body` as a strict test with a library proven exact, as an intermittent known issue otherwise.
    static func expectExact(_ comment: Comment, _ body: () throws -> Void) rethrows {
        if VectorscanLibrary.isProvenExact {
            try body()
        } else {
            withKnownIssue(comment, isIntermittent: true) { try body() }
        }
    }

    @Test func theLibraryIsNamed() {
        #expect(VectorscanLibrary.version != nil, "\(VectorscanLibrary.summary)")
    }

    /// `layout-template-variable` on its own: Vectorscan 5.4.9 finds the line `  {{ article.title }}` after
    /// a 74-byte prefix but not after a 79-byte one. Every prefix, at every alignment of the buffer.
    @Test func theTemplateLineIsFoundAfterEveryPrefix() throws {
        let rule = try #require(BuiltinRuleTests.ruleSet["layout-template-variable"])
        let expression = try #require(PrefilterProvider.expression(for: rule))
        let database = try #require(VectorscanDatabase.compile([expression]))
        let scratch = try #require(VectorscanScratch(for: database))
        let text = Array(" the result was a setback for reconciliation. Opponents said the proposal had been vague and divisive.\n\n  {{ article.title }}\n".utf8)
        let lineStart = text.count - "  {{ article.title }}\n".utf8.count
        var missed: [String] = []
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: text.count + 64, alignment: 64)
        defer { storage.deallocate() }
        for start in 0...lineStart {
            for shift in [0, 1, 3, 7, 13, 31, 63] {
                let subject = text[start...]
                let bytes = UnsafeMutableBufferPointer(rebasing: storage.bindMemory(to: UInt8.self)[shift..<(shift + subject.count)])
                _ = bytes.initialize(from: subject)
                var ends: [Int] = []
                database.scan(UnsafeBufferPointer(bytes), scratch: scratch) { _, end in
                    ends.append(end)
                    return true
                }
                if ends != [subject.count - 1] { missed.append("prefix \(start) shift \(shift): \(ends)") }
            }
        }
        VectorscanDefectTests.expectExact("Vectorscan 5.4.9 misses this match (depending on the prefix and where the buffer lies)") {
            #expect(missed.count == 0, "\(VectorscanLibrary.summary): \(missed.prefix(5))")
        }
    }

    /// With the Vectorscan prefilter (all expressions in the database the default uses), checking gives what
    /// giving every unit to PCRE2 gives, on generated LF-only documents (the ones the database scans).
    @Test func vectorscanChangesNothing() throws {
        let ruleSet = BuiltinRuleTests.ruleSet
        let fast = Checker(ruleSet: ruleSet)
        fast.prefilterCacheFolder = TemporaryCache.folder
        fast.prefilterPolicy = .immediately
        let plain = SearchExactnessTests.exhaustive(ruleSet)
        var differences: [Int] = []
        for seed in 0..<60 {
            var generator = SeededGenerator(seed: UInt64(seed) &+ 7_000)
            let text = SearchExactnessTests.lfOnly(GeneratedDocument(using: &generator, blocks: 24).bytes)
            if fast.check(Document(text)) != plain.check(Document(text)) { differences.append(seed) }
        }
        #expect(ruleSet.search.prefilter?.origin != nil, "the database was not loaded")
        VectorscanDefectTests.expectExact("Vectorscan 5.4.9 misses matches on some documents") {
            #expect(differences.isEmpty, "\(VectorscanLibrary.summary): seeds \(differences)")
        }
    }
}
#endif
