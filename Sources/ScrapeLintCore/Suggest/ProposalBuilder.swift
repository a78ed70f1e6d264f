/// Turns the repeated shapes of a ``ShapeTable`` into rules: one per shape (or per family of sibling
/// shapes that differ only in a short capitalised name), with an anchored, escaped pattern generalised
/// only where the corpus varies, a category guess, `fix: delete-line`, and examples from the corpus.
public struct ProposalBuilder {
    public let table: ShapeTable
    /// Whether the groups name sites: ids then start `site-GROUP-`, else `suggested-`.
    public let grouped: Bool
    /// Ids already taken (the loaded rules'), which proposals must not reuse.
    public let reservedIDs: Set<String>

    public init(table: ShapeTable, grouped: Bool, reservedIDs: Set<String>) {
        self.table = table
        self.grouped = grouped
        self.reservedIDs = reservedIDs
    }

    var options: SuggestOptions { table.options }

    /// Marks the varying name in a family key.
    static let nameSlot: Character = "\u{4}"

    /// One future rule before it has an id and examples.
    struct Draft {
        var pattern: String
        /// The literal text (slots left out) that names the rule.
        var literal: String
        var category: String
        var groups: [String]
        var groupDocuments: Int
        var samples: [ShapeTable.Sample]
    }

    /// The proposals, in group order and then shape order (ranking happens once they are measured).
    public func build() -> [Proposal] {
        var drafts: [Draft] = []
        var indexByPattern: [String: Int] = [:]
        for name in table.groups.keys.sorted() {
            for draft in groupDrafts(name) {
                // A line shared by several groups becomes one rule for all of them.
                if let index = indexByPattern[draft.pattern] {
                    drafts[index].groups += draft.groups
                    drafts[index].groupDocuments += draft.groupDocuments
                    continue
                }
                indexByPattern[draft.pattern] = drafts.count
                drafts.append(draft)
            }
        }
        var used = reservedIDs
        return drafts.map { draft in
            let id = uniqueID(for: draft, used: &used)
            return Proposal(rule: rule(for: draft, id: id), groups: draft.groups, groupDocuments: draft.groupDocuments)
        }
    }

    /// The drafts of one group: families of sibling shapes first, then the remaining shapes alone.
    func groupDrafts(_ name: String) -> [Draft] {
        guard let group = table.groups[name] else { return [] }
        let required = options.requiredDocuments(of: group.documents)
        let qualified = group.shapes.filter { $0.value.documents >= required }.keys.sorted()
        var families: [String: [(key: String, value: String)]] = [:]
        for key in qualified {
            for (family, value) in Self.familyKeys(of: key) { families[family, default: []].append((key, value)) }
        }
        // A family needs words of its own besides the name: "Advertisement" and "Most Popular" are no siblings.
        let ordered = families.filter { $0.value.count >= 2 && $0.value.count <= options.maxAlternatives && $0.key.filter(\.isLetter).count >= 3 }
            .sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
        var claimed: Set<String> = []
        var drafts: [Draft] = []
        for (family, members) in ordered where members.allSatisfy({ !claimed.contains($0.key) }) {
            claimed.formUnion(members.map(\.key))
            drafts.append(draft(key: family, members: members.map { group.shapes[$0.key]! },
                                names: members.map(\.value), group: name, groupDocuments: group.documents))
        }
        for key in qualified where !claimed.contains(key) {
            drafts.append(draft(key: key, members: [group.shapes[key]!], names: [], group: name, groupDocuments: group.documents))
        }
        return drafts
    }

    func draft(key: String, members: [ShapeTable.ShapeStats], names: [String], group: String, groupDocuments: Int) -> Draft {
        var values = Array(repeating: [String](), count: members[0].values.count)
        var spacing: LineShape.Spacing = []
        for member in members {
            spacing.formUnion(member.spacing)
            for (slot, seen) in member.values.enumerated() {
                for value in seen where !values[slot].contains(value) { values[slot].append(value) }
            }
        }
        // Samples taken in turn from each member, so that the examples show the names that vary.
        var samples: [ShapeTable.Sample] = []
        for round in 0..<options.samples {
            for member in members where round < member.samples.count { samples.append(member.samples[round]) }
        }
        let literal = String(key.filter { LineShape.Slot(rawValue: $0) == nil && $0 != Self.nameSlot })
        return Draft(
            pattern: pattern(key: key, values: values, names: names, spacing: spacing), literal: literal,
            category: Self.category(of: key),
            groups: [group], groupDocuments: groupDocuments,
            samples: samples)
    }

    /// For each run of one to three capitalised words in a shape key: the key with the run replaced by
    /// ``nameSlot``, and the run.
    static func familyKeys(of key: String) -> [(family: String, value: String)] {
        let words = key.split(separator: " ", omittingEmptySubsequences: false)
        func isName(_ word: Substring) -> Bool {
            guard let first = word.unicodeScalars.first, first.properties.isUppercase else { return false }
            return word.unicodeScalars.allSatisfy { $0.properties.isAlphabetic }
        }
        var result: [(String, String)] = []
        var start = 0
        while start < words.count {
            guard isName(words[start]) else { start += 1; continue }
            var end = start
            while end < words.count && isName(words[end]) { end += 1 }
            if end - start <= 3 {
                let family = (words[..<start] + [Substring(String(nameSlot))] + words[end...]).joined(separator: " ")
                result.append((family, words[start..<end].joined(separator: " ")))
            }
            start = end
        }
        return result
    }

    /// An anchored pattern for a shape key: literal text escaped; a slot literal when the corpus showed one
    /// value, else `\d+` for numbers, an alternation of the names seen, and of the months or weekdays seen
    /// (all of them once more than three are seen).
    func pattern(key: String, values: [[String]], names: [String], spacing: LineShape.Spacing) -> String {
        let space = spacing.contains(.irregular) ? "[ \\t]+" : " "
        func literal(_ text: String) -> String {
            text.map { $0 == " " ? space : Self.escape($0) }.joined()
        }
        func alternation(_ seen: [String], vocabulary: [String]?) -> String {
            if seen.count == 1 { return literal(seen[0]) }
            // Month and weekday names vary with the date: once more than three are seen, any may come.
            let choices = seen.count > 3 ? vocabulary ?? seen : seen
            return "(?:" + choices.sorted().map(literal).joined(separator: "|") + ")"
        }
        var output = "^" + (spacing.contains(.leading) ? "[ \\t]*" : "")
        var slot = 0
        for character in key {
            switch LineShape.Slot(rawValue: character) {
            case .number:
                output += values[slot].count == 1 ? values[slot][0] : "\\d+"
                slot += 1
            case .month:
                output += alternation(values[slot], vocabulary: LineShape.months)
                slot += 1
            case .weekday:
                output += alternation(values[slot], vocabulary: LineShape.weekdays)
                slot += 1
            case nil:
                if character == Self.nameSlot {
                    output += alternation(names, vocabulary: nil)
                } else {
                    output += literal(String(character))
                }
            }
        }
        return output + (spacing.contains(.trailing) ? "[ \\t]*" : "") + "$"
    }

    /// A character as a PCRE2 literal.
    static func escape(_ character: Character) -> String {
        "\\^$.|?*+()[]{}#".contains(character) ? "\\" + String(character) : String(character)
    }

    func uniqueID(for draft: Draft, used: inout Set<String>) -> String {
        let prefix = grouped && draft.groups.count == 1 ? "site-" + Self.slug(Self.siteName(draft.groups[0]), words: 3) : "suggested"
        let base = prefix + "-" + Self.slug(draft.literal, words: 4)
        var id = base
        var number = 2
        while used.contains(id) {
            id = "\(base)-\(number)"
            number += 1
        }
        used.insert(id)
        return id
    }

    /// A group name without the last part of a domain (`wxyz-news.example` -> `wxyz-news`).
    static func siteName(_ group: String) -> String {
        guard !group.contains("/"), let dot = group.lastIndex(of: "."), dot != group.startIndex else { return group }
        return String(group[..<dot])
    }

    /// Kebab-case of the first ASCII words of `text` (`line` when there are none).
    static func slug(_ text: String, words limit: Int) -> String {
        let words = text.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.prefix(limit)
        let slug = String(words.joined(separator: "-").prefix(40))
        let trimmed = slug.hasSuffix("-") ? String(slug.dropLast()) : slug
        return trimmed.isEmpty ? "line" : trimmed
    }

    /// Categories guessed from the words of a line, first match wins (NOISE.md's categories).
    static let categories: [(category: String, words: [String])] = [
        ("copyright", ["copyright", "©", "all rights reserved", "rights reserved"]),
        ("share", ["follow", "share", "tweet", "facebook", "twitter", "instagram", "linkedin", "whatsapp", "pinterest", "youtube", "tiktok"]),
        ("prompts", ["subscribe", "subscriber", "newsletter", "newsletters", "sign up", "download", "app", "apps", "log in", "sign in", "register", "podcast", "alerts", "donate", "support"]),
        ("ads", ["advertisement", "advertising", "sponsored", "promoted", "partner content", "ad"]),
        ("counters", ["comment", "comments", "views", "likes", "shares", "replies", "reactions"]),
        ("related", ["related", "read more", "more from", "most popular", "most read", "you may also", "recommended", "trending", "see also", "also read", "more stories"]),
        ("legal", ["cookie", "cookies", "privacy", "terms", "disclaimer"]),
        ("credits", ["photo", "photos", "image", "getty", "caption", "credit"]),
        ("player", ["video", "gallery", "playback", "watch", "listen"]),
        ("footers", ["reporting by", "editing by", "contributed", "written by", "reporter", "correspondent", "staff", "tip", "tips", "contact us", "email us"]),
        ("stamps", ["updated", "published", "min read", "ago"]),
    ]

    /// The category of a shape: by its words, else `stamps` for a dated line, else `boilerplate`.
    static func category(of key: String) -> String {
        let literal = String(key.filter { LineShape.Slot(rawValue: $0) == nil && $0 != nameSlot })
        let words = literal.lowercased().split { !($0.isLetter || $0 == "©") }.map(String.init)
        let padded = " " + words.joined(separator: " ") + " "
        for (category, keywords) in categories where keywords.contains(where: { padded.contains(" \($0) ") || ($0 == "©" && literal.contains("©")) }) {
            return category
        }
        return key.contains { $0 == LineShape.Slot.month.rawValue || $0 == LineShape.Slot.weekday.rawValue } ? "stamps" : "boilerplate"
    }

    /// The rule of a draft, with examples from its samples: real matching lines, and their nearest
    /// neighbours in the same documents that the pattern leaves alone.
    func rule(for draft: Draft, id: String) -> Rule {
        let place = grouped ? " of \(draft.groups.joined(separator: ", "))" : ""
        var rule = Rule(
            id: id, category: draft.category, severity: .warning,
            message: "repeated boilerplate line: '$0'",
            description: "Suggested by `scrapelint suggest` for lines repeated across the documents\(place). Removes every line of exactly this shape; review it before use.",
            scope: .line, pattern: draft.pattern, flags: [], unless: nil, fix: .deleteLine, replacement: nil,
            gates: Gates(), limits: nil, examples: Rule.Examples(match: [], noMatch: []),
            origin: Rule.Origin(path: "<suggested>", line: 1, column: 1))
        rule.examples = examples(for: rule, samples: draft.samples)
        return rule
    }

    func examples(for rule: Rule, samples: [ShapeTable.Sample]) -> Rule.Examples {
        let checker = (try? RuleSet([rule])).map { Checker(ruleSet: $0) }
        func matches(_ text: String) -> Bool {
            checker.map { !$0.check(Document(Array(text.utf8))).violations.isEmpty } ?? true
        }
        var match: [String] = []
        func add(_ text: String) { if !match.contains(text) && match.count < 3 { match.append(text) } }
        for sample in samples { add(sample.text) }
        // A line that never varies: show it in its context (one, then two lines each side) instead.
        for width in 1...2 {
            for sample in samples {
                if sample.before.count >= width { add((sample.before.prefix(width).reversed() + [sample.text]).joined(separator: "\n")) }
                if sample.after.count >= width { add(([sample.text] + sample.after.prefix(width)).joined(separator: "\n")) }
            }
        }
        while match.count < 3, let first = match.first { match.append(first) }
        var noMatch: [String] = []
        for sample in samples {
            for text in [sample.before.first, sample.after.first].compactMap({ $0 }) where noMatch.count < 3 && !noMatch.contains(text) && !matches(text) {
                noMatch.append(text)
            }
        }
        if noMatch.isEmpty, let first = samples.first {
            noMatch.append("More: " + first.text)
        }
        return Rule.Examples(match: match, noMatch: noMatch)
    }
}
