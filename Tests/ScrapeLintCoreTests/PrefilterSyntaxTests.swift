import PCRE2
@testable import ScrapeLintCore
import Testing

/// The rewrite that lets Hyperscan take patterns it refuses: each rewritten pattern matches at least what
/// the original matches.
@Suite struct PrefilterSyntaxTests {
    @Test(arguments: [
        ("a*+b++c?+d{2,3}+e{2}+f{2,}+", "a*b+c?d{2,}e{2}f{2,}"),
        ("(?>ab|a)c", "(?:ab|a)c"),
        ("x+?y*?z??", "x+?y*?z??"),
        ("^(?:[^\\n]*[ \\t])?\\K(REUTERS)$", "^(?:[^\\n]*[ \\t])?(REUTERS)$"),
        ("\\x{2014}+ \\p{Lu}+", "\\x{2014}+ \\p{Lu}+"),
        ("a{,5}+", "a{,5}+"),
        ("[*+]+x", "[*+]+x"),
        ("^(?&word)(?:,(?&word))*$(?(DEFINE)(?<word>\\w++(?&tail)?)(?<tail>-\\d+))", "^(?:\\w+(?:-\\d+)?)(?:,(?:\\w+(?:-\\d+)?))*$"),
        ("(?(DEFINE)(?<n>(?<inner>x)y))(?&n)(?<outer>z)", "(?:(?:x)y)(?<outer>z)"),
        ("^a(?:^|(?<=[ (]))b", "^a(?:|(?<=[ (]))b"),
        ("(?&d)(?(DEFINE)(?<d>(?i:may|june?)))", "(?:(?i:may|june?))"),
    ])
    func rewrites(_ pattern: String, _ expected: String) {
        #expect(PrefilterSyntax.widen(pattern, extended: false) == expected)
    }

    @Test(arguments: ["(?i)a(?&b)(?(DEFINE)(?<b>c))", "(?1)(a)", "(?&r)(?(DEFINE)(?<r>a(?&r)?))", "\\Qa+\\E", "(?|a|b)", "\\g{-1}",
                      "(?&missing)", "(*UTF)a", "(?i:(?(DEFINE)(?<x>a)))(?&x)", "(?n:a)"])
    func givesUp(_ pattern: String) {
        #expect(PrefilterSyntax.widen(pattern, extended: false) == nil)
    }

    /// Extended mode: comments are kept as they are (a `+` in one is not a quantifier's).
    @Test func extendedComments() {
        #expect(PrefilterSyntax.widen("a*+ # b*+\n c", extended: true) == "a* # b*+\n c")
    }

    #if Vectorscan
    /// Every built-in rule's rewrite (where there is one) still matches each of its match examples.
    @Test func builtinRewritesKeepTheMatchExamples() throws {
        var rewritten = 0
        for rule in BuiltinRuleTests.ruleSet.rules where PrefilterProvider.expression(for: rule) != nil {
            let extended = rule.rule.flags.contains(.extended)
            guard let widened = PrefilterSyntax.widen(rule.rule.pattern, extended: extended) else { continue }
            rewritten += 1
            // Examples are documents; the database scans them in multiline mode, as here.
            var options = rule.rule.flags.reduce(into: CompileOptions()) { $0.formUnion($1.compileOption) }
            if rule.rule.scope != .document { options.insert(.multiline) }
            let pattern = try Pattern(widened, options: options)
            for example in rule.rule.examples.match {
                let bytes = Array(example.utf8)
                let scratch = MatchScratch(captureCount: pattern.captureCount)
                let found = try bytes.withUnsafeBufferPointer { buffer throws(PCRE2Error) in try pattern.firstMatch(in: buffer, scratch: scratch) }
                #expect(found != nil, "\(rule.id): \(example.debugDescription)")
            }
        }
        #expect(rewritten >= 10)
    }
#endif
}
