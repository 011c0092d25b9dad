/// An open-addressing hash table that gives each distinct byte string a dense id.
///
/// Token lookups hash the UTF-8 bytes of a token in place, so scoring builds no `String` per
/// token. Keys compare byte for byte (code points, not canonical equivalence), as the reference
/// implementation's dictionaries do.
struct WordTable: Sendable {
    /// All keys, one after another.
    private var arena: [UInt8] = []
    /// Key `k` spans `arena[offsets[k]..<offsets[k + 1]]`.
    private var offsets: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Entry ids, or -1 for an empty slot; the count is a power of two.
    private var slots = [Int32](repeating: -1, count: 16)

    /// The number of distinct keys.
    var count: Int {
        hashes.count
    }

    /// The id of `key`, or nil when it was never inserted.
    ///
    /// - Complexity: O(key length) on average.
    func id(of key: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry < 0 { return nil }
            if hashes[Int(entry)] == hash && keyEquals(Int(entry), key) { return entry }
            slot = (slot + 1) & mask
        }
    }

    /// The id of a word given as a string.
    func id(of word: String) -> Int32? {
        var word = word
        return word.withUTF8 { id(of: $0) }
    }

    /// Adds `key` when it is new and returns its id either way.
    @discardableResult
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        if let existing = id(of: key) { return existing }
        if (count + 1) * 2 > slots.count { grow() }

        let entry = Int32(count)
        arena.append(contentsOf: key)
        offsets.append(arena.count)
        hashes.append(Self.hash(key))
        place(entry)
        return entry
    }

    /// Adds a word given as a string and returns its id.
    @discardableResult
    mutating func insert(_ word: String) -> Int32 {
        var word = word
        return word.withUTF8 { insert($0) }
    }

    private func keyEquals(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[entry]
        guard offsets[entry + 1] - start == key.count else { return false }
        for index in 0..<key.count where arena[start + index] != key[index] {
            return false
        }
        return true
    }

    /// Puts an entry into the first free slot of its probe sequence.
    private mutating func place(_ entry: Int32) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hashes[Int(entry)]) & mask
        while slots[slot] >= 0 {
            slot = (slot + 1) & mask
        }
        slots[slot] = entry
    }

    /// Doubles the slot count and places every entry again.
    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for entry in 0..<count {
            place(Int32(entry))
        }
    }

    /// 64-bit FNV-1a: short keys, cheap to compute, spreads well enough for open addressing.
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash ^ (hash >> 32)
    }
}
