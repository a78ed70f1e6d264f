/// Optional indices (of lines or paragraphs) in 4 bytes each, `nil` stored as `UInt32.max`: the fix loop's
/// per-line maps of a large text take a quarter of what `[Int?]` takes (issue 13 item 6).
struct IndexTable: Equatable, Sendable {
    private var storage: [UInt32]

    init(count: Int) { storage = [UInt32](repeating: .max, count: count) }

    init(_ indices: [Int?]) {
        storage = indices.map { $0.map(IndexTable.stored) ?? .max }
    }

    var count: Int { storage.count }

    subscript(index: Int) -> Int? {
        get {
            let value = storage[index]
            return value == .max ? nil : Int(value)
        }
        set { storage[index] = newValue.map(IndexTable.stored) ?? .max }
    }

    private static func stored(_ index: Int) -> UInt32 {
        precondition(index >= 0 && index < Int(UInt32.max), "an index table holds indices below 2^32 - 1")
        return UInt32(index)
    }
}
