import Foundation

/// Violations recorded once (`check --write-baseline FILE`) so that later runs (`check --baseline FILE`)
/// report only new ones, as SwiftLint's and semgrep's baselines do. A violation is known by its rule, its
/// file (as named on the command line, without a leading `./`), its record id (JSON Lines; `null` for
/// files) and the FNV-1a hash of the matched bytes: not by line, so that it survives lines moving. Each
/// key keeps a count, so a second identical match in the same file is new.
///
/// The file is JSON:
/// `{"version": 1, "violations": [{"rule": ID, "file": PATH, "record": ID|null, "hash": "16 hex digits", "count": N}, ...]}`,
/// sorted by file, record, rule and hash, so that it diffs well under version control.
public struct Baseline: Sendable, Equatable {
    public struct Key: Hashable, Sendable, Comparable {
        public let rule: String
        public let file: String
        public let record: String?
        public let hash: String

        public static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.file, lhs.record ?? "", lhs.rule, lhs.hash) < (rhs.file, rhs.record ?? "", rhs.rule, rhs.hash)
        }
    }

    public static let version = 1
    public private(set) var counts: [Key: Int] = [:]

    public init() {}

    /// The key of a violation found in `bytes` (the checked text) of `file` (and `record`).
    public static func key(_ violation: Violation, in bytes: [UInt8], file: String, record: String?) -> Key {
        let hash = StableHash.fnv1a64(bytes[violation.range])
        let hex = String(hash, radix: 16)
        return Key(rule: violation.ruleID, file: normalized(file), record: record,
                   hash: String(repeating: "0", count: 16 - hex.count) + hex)
    }

    /// `./a/b.txt` and `a/b.txt` are the same file.
    static func normalized(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.hasPrefix("./") { trimmed = trimmed.dropFirst(2) }
        return String(trimmed)
    }

    public mutating func add(_ key: Key) { counts[key, default: 0] += 1 }

    /// Takes one occurrence of `key` out; false when none is left (the violation is new).
    public mutating func consume(_ key: Key) -> Bool {
        guard let count = counts[key], count > 0 else { return false }
        counts[key] = count - 1
        return true
    }

    public var total: Int { counts.values.reduce(0, +) }

    public func json() -> String {
        let entries = counts.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { key, count in
            "    " + JSON.object([
                ("rule", JSON.string(key.rule)), ("file", JSON.string(key.file)),
                ("record", key.record.map(JSON.string) ?? "null"), ("hash", JSON.string(key.hash)), ("count", String(count)),
            ])
        }
        return "{\n  \"version\": \(Baseline.version),\n  \"violations\": [\n" + entries.joined(separator: ",\n")
            + (entries.isEmpty ? "" : "\n") + "  ]\n}\n"
    }

    /// Reads a baseline file; anything but the documented format is an error naming the file.
    public static func load(_ path: String) throws(ScrapeLintError) -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(path: path, message: "cannot read the baseline file")
        }
        func bad(_ why: String) -> ScrapeLintError { .io(path: path, message: "not a scrapelint baseline: \(why)") }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw bad("not a JSON object") }
        guard root["version"] as? Int == version else { throw bad("`version` must be \(version)") }
        guard let entries = root["violations"] as? [[String: Any]] else { throw bad("`violations` must be a list of objects") }
        var baseline = Baseline()
        for (index, entry) in entries.enumerated() {
            guard let rule = entry["rule"] as? String, let file = entry["file"] as? String, let hash = entry["hash"] as? String,
                  let count = entry["count"] as? Int, count > 0, entry["record"] is String || entry["record"] is NSNull
            else { throw bad("entry \(index + 1) needs `rule`, `file`, `record` (a string or null), `hash` and a positive `count`") }
            baseline.counts[Key(rule: rule, file: normalized(file), record: entry["record"] as? String, hash: hash), default: 0] += count
        }
        return baseline
    }
}
