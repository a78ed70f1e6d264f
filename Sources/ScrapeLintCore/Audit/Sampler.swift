/// A seeded random number generator (SplitMix64): the same seed gives the same numbers on every machine
/// and run, so that sampled reports are reproducible.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for one stream of a run (a rule, say), independent of the others: the seed mixed with
    /// a stable hash of the name (FNV-1a; Swift's own hashes change from run to run).
    public init(seed: UInt64, stream: String) {
        self.init(seed: seed ^ StableHash.fnv1a64(stream.utf8))
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A uniform sample of at most `capacity` items from a stream of unknown length (reservoir sampling,
/// algorithm R). Items are made only when they enter the sample. Fed in the same order with the same
/// seed, it keeps the same items.
public struct Reservoir<Element> {
    public let capacity: Int
    /// The items kept, each with its position in the stream.
    public private(set) var items: [(position: Int, element: Element)] = []
    /// Items offered so far.
    public private(set) var seen = 0
    private var generator: SeededGenerator

    public init(capacity: Int, generator: SeededGenerator) {
        self.capacity = capacity
        self.generator = generator
    }

    /// Offers the next item of the stream; `make` runs only when it is kept.
    public mutating func offer(_ make: () -> Element) {
        defer { seen += 1 }
        if items.count < capacity {
            items.append((seen, make()))
            return
        }
        let slot = Int.random(in: 0...seen, using: &generator)
        if slot < capacity { items[slot] = (seen, make()) }
    }

    /// The items kept, in stream order.
    public var sample: [Element] { items.sorted { $0.position < $1.position }.map(\.element) }
}
