import ScrapeLintCore

// Load the built-in rules (add your own with `ruleFiles:`), leaving out the footer rules.
let linter = try Linter(RuleSelection(ignore: ["footers"]))

let page = Array("""
    January 12, 2015 / 12:20 PM / 5 years ago
    The story.
    0 : 0
      • narrow-browser-and-phone

    """.utf8)

// Check: each violation has a byte range; a line and column are computed when shown.
let document = Document(page)
for violation in linter.check(page).violations {
    let position = document.position(of: violation.range.lowerBound)
    print("\(position.line):\(position.column): \(violation.ruleID): \(violation.message)")
}

// Fix: the cleaned bytes; everything the fixes do not remove stays byte for byte.
print(String(decoding: linter.fix(page).bytes, as: UTF8.self), terminator: "")
