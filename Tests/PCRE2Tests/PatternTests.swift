import PCRE2
import Testing

/// Matches `pattern` in `text` and returns the matched strings.
private func matches(_ pattern: Pattern, in text: String, options: MatchOptions = []) throws -> [String] {
    let bytes = Array(text.utf8)
    let scratch = MatchScratch(captureCount: pattern.captureCount)
    var found: [String] = []
    try bytes.withUnsafeBufferPointer { buffer in
        try pattern.forEachMatch(in: buffer, options: options, scratch: scratch) { match in
            found.append(String(decoding: buffer[match.range], as: UTF8.self))
            return true
        }
    }
    return found
}

@Suite struct PatternTests {
    @Test func compilesAndMatchesUTF8() throws {
        let pattern = try Pattern(#"\p{Lu}\p{Ll}+"#)
        #expect(try matches(pattern, in: "José and Ærø") == ["José", "Ærø"])
    }

    @Test func compileErrorCarriesMessageAndOffset() {
        #expect(throws: PCRE2Error.self) { try Pattern("ab(c") }
        do {
            _ = try Pattern("ab(c")
        } catch {
            guard case .compile(_, let message, let offset) = error else { Issue.record("wrong error \(error)"); return }
            #expect(message == "missing closing parenthesis")
            #expect(offset == 4)
        }
    }

    /// PCRE2 10.42 with MATCH_INVALID_UTF and JIT makes \S fail on non-ASCII (upstream bug #224); scrapelint
    /// validates once and matches with NO_UTF_CHECK instead, which must give the whole credit.
    @Test func nonSpaceClassMatchesNonASCIIWithJIT() throws {
        let pattern = try Pattern(#"REUTERS/\S+"#)
        #expect(Pattern.jitAvailable == pattern.isJITCompiled)
        #expect(try matches(pattern, in: "Photo: REUTERS/José") == ["REUTERS/José"])
        let digits = try Pattern(#"\D+"#)
        #expect(try matches(digits, in: "é1ü") == ["é", "ü"])
    }

    @Test func emptyMatchesAdvanceByWholeCharacters() throws {
        let pattern = try Pattern("x*")
        // Empty matches at each character boundary, never inside a multi-byte character.
        #expect(try matches(pattern, in: "éxé") == ["", "x", "", ""])
    }

    @Test func notBOLAndNotEOL() throws {
        let pattern = try Pattern("^ab$")
        #expect(try matches(pattern, in: "ab") == ["ab"])
        #expect(try matches(pattern, in: "ab", options: .notBOL).isEmpty)
        #expect(try matches(pattern, in: "ab", options: .notEOL).isEmpty)
    }

    @Test func namedGroupsAreReported() throws {
        let pattern = try Pattern(#"(?<agency>REUTERS|AP)/(\w+)"#)
        #expect(pattern.captureCount == 2)
        #expect(pattern.groupNames == ["agency": 1])
    }

    @Test func crlfIsALineEndingForDollar() throws {
        let pattern = try Pattern("^b$", options: .multiline)
        #expect(try matches(pattern, in: "a\r\nb\r\nc") == ["b"])
        #expect(try matches(pattern, in: "a\rb\rc") == ["b"])
    }

    @Test func runawayPatternIsCutOffByLimits() throws {
        let pattern = try Pattern("(a+)+$")
        let subject = String(repeating: "a", count: 40) + "!"
        let clock = ContinuousClock()
        let start = clock.now
        #expect {
            _ = try matches(pattern, in: subject)
        } throws: { error in
            guard let error = error as? PCRE2Error, case .limitExceeded = error else { return false }
            return true
        }
        #expect(clock.now - start < .seconds(5))
    }

    @Test func stopsWhenBodyReturnsFalse() throws {
        let pattern = try Pattern("a")
        let bytes = Array("aaa".utf8)
        let scratch = MatchScratch(captureCount: 0)
        var count = 0
        try bytes.withUnsafeBufferPointer { buffer in
            try pattern.forEachMatch(in: buffer, scratch: scratch) { _ in
                count += 1
                return false
            }
        }
        #expect(count == 1)
    }
}
