/// The candidate lines of a corpus counted by group and shape: for each shape, the documents and lines it
/// appears in, the values seen in its slots, and a few sample lines with their neighbours. Memory grows
/// with the number of distinct candidate shapes, not with the corpus.
public struct ShapeTable: Sendable {
    public let options: SuggestOptions
    /// Groups by name (`""` when the corpus is not grouped).
    public private(set) var groups: [String: Group] = [:]
    /// Documents and text bytes seen.
    public private(set) var documents = 0
    public private(set) var textBytes = 0

    public init(options: SuggestOptions) {
        self.options = options
    }

    public struct Group: Sendable {
        public internal(set) var documents = 0
        public internal(set) var shapes: [String: ShapeStats] = [:]
    }

    /// What is known of one shape in one group.
    public struct ShapeStats: Sendable {
        public internal(set) var documents = 0
        public internal(set) var lines = 0
        public internal(set) var bytes = 0
        public internal(set) var spacing: LineShape.Spacing = []
        /// The distinct values of each slot in the order first seen, at most `maxAlternatives + 1`.
        public internal(set) var values: [[String]] = []
        public internal(set) var samples: [Sample] = []
    }

    /// One occurrence of a shape: the line as it stands and the nearest non-blank lines around it
    /// (up to two each side, nearest first).
    public struct Sample: Hashable, Sendable {
        public let text: String
        public let before: [String]
        public let after: [String]
    }

    /// Adds the candidate lines of one document. Documents must be added in input order for the result
    /// to be deterministic.
    public mutating func add(_ observation: DocumentObservation) {
        documents += 1
        textBytes += observation.textBytes
        var group = groups[observation.group] ?? Group()
        group.documents += 1
        for line in observation.lines {
            var stats = group.shapes[line.shape.key] ?? ShapeStats()
            stats.documents += 1
            stats.lines += line.count
            stats.bytes += line.bytes
            stats.spacing.formUnion(line.spacing)
            if stats.values.isEmpty { stats.values = Array(repeating: [], count: line.shape.values.count) }
            for (slot, value) in line.shape.values.enumerated()
            where stats.values[slot].count <= options.maxAlternatives && !stats.values[slot].contains(value) {
                stats.values[slot].append(value)
            }
            if stats.samples.count < options.samples { stats.samples.append(line.sample) }
            group.shapes[line.shape.key] = stats
        }
        groups[observation.group] = group
    }

    /// Whether a line of shape `key` is repeated boilerplate of `group`: it was a candidate there, in
    /// enough documents.
    public func isRepeated(_ key: String, in group: String) -> Bool {
        guard let entry = groups[group], let stats = entry.shapes[key] else { return false }
        return stats.documents >= options.requiredDocuments(of: entry.documents)
    }
}

/// What one document contributes to a ``ShapeTable``: its candidate lines, one entry per shape.
public struct DocumentObservation: Sendable {
    public let group: String
    public let textBytes: Int
    let lines: [Line]

    struct Line: Sendable {
        let shape: LineShape
        let sample: ShapeTable.Sample
        /// How many lines of the document have this shape, and their bytes with terminators.
        var count: Int
        var bytes: Int
        var spacing: LineShape.Spacing
    }

    /// Finds the candidate lines of `document` (already cleaned by the loaded rules): valid UTF-8, not
    /// blank, short, not prose.
    public init(_ document: Document, group: String, textBytes: Int, options: SuggestOptions) {
        self.group = group
        self.textBytes = textBytes
        // Lines that cannot be samples: blank, not UTF-8, or holding a U+FEFF (which YAML readers drop).
        let texts = document.lines.map { line -> String? in
            guard !line.isBlank, let text = String(validating: document.bytes[line.start..<line.contentEnd], as: UTF8.self),
                  !text.unicodeScalars.contains("\u{FEFF}") else { return nil }
            return text
        }
        var lines: [Line] = []
        var indexByKey: [String: Int] = [:]
        for (index, text) in texts.enumerated() {
            guard let text, let shape = LineShape(text), options.admits(shape, characters: text.count) else { continue }
            let bytes = document.lines[index].end - document.lines[index].start
            if let existing = indexByKey[shape.key] {
                lines[existing].count += 1
                lines[existing].bytes += bytes
                lines[existing].spacing.formUnion(shape.spacing)
                continue
            }
            func neighbours(_ indices: some Sequence<Int>) -> [String] {
                Array(indices.lazy.compactMap { texts[$0] }.prefix(2)).map { Self.cut($0, to: options.maxExampleLength) }
            }
            let sample = ShapeTable.Sample(text: text, before: neighbours((0..<index).reversed()),
                                           after: neighbours((index + 1)..<texts.count))
            indexByKey[shape.key] = lines.count
            lines.append(Line(shape: shape, sample: sample, count: 1, bytes: bytes, spacing: shape.spacing))
        }
        self.lines = lines
    }

    /// The text cut to at most `limit` characters, at a space when there is one in its second half.
    static func cut(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let head = text.prefix(limit)
        if let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) > limit / 2 {
            return String(head[..<space])
        }
        return String(head)
    }
}
