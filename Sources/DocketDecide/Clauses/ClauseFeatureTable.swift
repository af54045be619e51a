/// What the clause model knows of each feature hash, looked up once per distinct feature of every passage:
/// its inverse document frequency (0 outside the TF-IDF model's vocabulary) and where its weights are, the
/// binary model's and the TF-IDF model's. The keys are FNV-1a hashes already, so an open-addressing table
/// indexed by a multiplicative mix of the key does without `Dictionary`'s seeded SipHash, and a slot holds
/// the key and its entry together in 16 bytes: one cache line a look-up. With 220,000 features, a `Dictionary`
/// made the clause stage memory-bound (8.8 MB/s on one core).
struct ClauseFeatureTable: Sendable {
    struct Entry: Sendable {
        var key: UInt32 = 0
        var idf: Float = 0
        /// Where the feature's weights start: the binary model's, then the TF-IDF model's.
        var start: Int32 = 0
        var binaryCount: UInt8 = 0
        var tfidfCount: UInt8 = 0

        /// A slot no feature took: every feature in the table has an idf or a weight.
        var isEmpty: Bool { idf == 0 && binaryCount == 0 && tfidfCount == 0 }
    }

    private let slots: [Entry]
    private let shift: UInt32

    /// `entries` with distinct keys, each with an idf or a weight.
    init(_ entries: [Entry]) {
        var bits: UInt32 = 4
        while (1 << bits) < 2 * entries.count { bits += 1 }
        var slots = [Entry](repeating: Entry(), count: 1 << bits)
        shift = 32 - bits
        let mask = (1 << bits) - 1
        for entry in entries where !entry.isEmpty {
            var slot = Self.start(entry.key, shift)
            while !slots[slot].isEmpty { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
        self.slots = slots
    }

    @inline(__always)
    private static func start(_ key: UInt32, _ shift: UInt32) -> Int { Int((key &* 0x9E37_79B1) >> shift) }

    /// The entries of `keys` (an empty one for a key not in the table). The first slots are loaded with no
    /// branch between them, so that the memory system fetches them together rather than one miss after another
    /// (a look-up at a time left the stage waiting on memory: two thirds of its time on three loads).
    func lookUp(_ keys: UnsafeBufferPointer<UInt32>, into found: UnsafeMutableBufferPointer<Entry>) {
        slots.withUnsafeBufferPointer { slots in
            for index in keys.indices { found[index] = slots[Self.start(keys[index], shift)] }
        }
        for index in keys.indices where found[index].key != keys[index] && !found[index].isEmpty {
            found[index] = self[keys[index]] ?? Entry()
        }
    }

    @inline(__always)
    subscript(key: UInt32) -> Entry? {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Self.start(key, shift)
            while true {
                let entry = slots[slot]
                if entry.isEmpty { return nil }
                if entry.key == key { return entry }
                slot = (slot + 1) & mask
            }
        }
    }
}
