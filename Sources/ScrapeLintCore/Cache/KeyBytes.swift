/// An unambiguous byte encoding of values for a cache key: every string and list carries its length, every
/// optional a presence byte, so that no two different sequences of values give the same bytes. Written by
/// hand instead of `String(reflecting:)` (a `Mirror` walk, which cost 101 M instructions at start-up).
struct KeyBytes {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 16) }

    mutating func add(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func add(_ value: UInt32) { add(Int(value)) }

    mutating func add(_ value: String) {
        let utf8 = value.utf8
        add(utf8.count)
        bytes.append(contentsOf: utf8)
    }

    mutating func add(_ value: String?) {
        guard let value else { return bytes.append(0) }
        bytes.append(1)
        add(value)
    }

    mutating func add(_ value: Int?) {
        guard let value else { return bytes.append(0) }
        bytes.append(1)
        add(value)
    }

    mutating func add(_ values: [String]) {
        add(values.count)
        for value in values { add(value) }
    }

    mutating func add(_ values: [String]?) {
        guard let values else { return bytes.append(0) }
        bytes.append(1)
        add(values)
    }
}
