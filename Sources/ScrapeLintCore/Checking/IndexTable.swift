/// Optional indices (of lines or paragraphs), in 4 bytes each while every index stored is below
/// ``narrowLimit`` (`nil` stored as `UInt32.max`): the fix loop's per-line maps of a large text take a
/// quarter of what `[Int?]` takes (issue 13 item 6). Storing a larger index (a document of 2^32 - 1 lines
/// or more) widens the table to 8 bytes per entry, so that no document is too long for it.
struct IndexTable: Equatable, Sendable {
    private var narrow: [UInt32]
    /// The entries once an index at or above ``narrowLimit`` was stored (`-1` for nil); `narrow` is then empty.
    private var wide: [Int]?
    private let narrowLimit: Int

    /// The largest index that 4 bytes hold, `nil` taking `UInt32.max`.
    static let narrowLimit = Int(UInt32.max)

    /// A table of `count` nils; `narrowLimit` lets tests widen a table without 2^32 lines.
    init(count: Int, narrowLimit: Int = IndexTable.narrowLimit) {
        narrow = [UInt32](repeating: .max, count: count)
        self.narrowLimit = min(narrowLimit, IndexTable.narrowLimit)
    }

    init(_ indices: [Int?]) {
        self.init(count: indices.count)
        for (position, index) in indices.enumerated() { self[position] = index }
    }

    var count: Int { wide?.count ?? narrow.count }

    /// Whether the entries take 8 bytes each (an index at or above the narrow limit was stored).
    var isWide: Bool { wide != nil }

    subscript(index: Int) -> Int? {
        get {
            if let wide { return wide[index] < 0 ? nil : wide[index] }
            let value = narrow[index]
            return value == .max ? nil : Int(value)
        }
        set {
            precondition(newValue.map { $0 >= 0 } ?? true, "an index table holds indices of 0 or more")
            if wide == nil, let value = newValue, value >= narrowLimit {
                wide = narrow.map { $0 == .max ? -1 : Int($0) }
                narrow = []
            }
            if wide != nil {
                wide![index] = newValue ?? -1
            } else {
                narrow[index] = newValue.map { UInt32($0) } ?? .max
            }
        }
    }

    static func == (left: IndexTable, right: IndexTable) -> Bool {
        left.count == right.count && (0..<left.count).allSatisfy { left[$0] == right[$0] }
    }
}
