/// A zone read from a TZif file (RFC 8536), the binary format of the system's tz database.
///
/// Only the version 2+ data block (64-bit transition times) is used; a version 1 file is read
/// from its 32-bit block. Instants after the last transition use the footer's POSIX TZ rule.
struct TZifZone {
    /// Transition instants in seconds since 1970, ascending.
    var transitions: [Int64]
    /// For each transition, the offset in force from it on.
    var offsets: [Int]
    /// The offset before the first transition (local time type 0).
    var initialOffset: Int
    /// The rule for instants past the table, from the footer.
    var footer: PosixTimeZone?

    /// The offset from UTC in seconds in force at `utc`.
    func offset(atUTC utc: Int64) -> Int {
        guard let last = transitions.last else { return footer?.offset(atUTC: utc) ?? initialOffset }
        if utc >= last, let footer { return footer.offset(atUTC: utc) }
        guard utc >= transitions[0] else { return initialOffset }

        var low = 0
        var high = transitions.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if transitions[middle] <= utc { low = middle } else { high = middle - 1 }
        }
        return offsets[low]
    }
}

extension TZifZone {
    /// Reads a TZif file; nil when the bytes are not a well-formed TZif file.
    init?(bytes: [UInt8]) {
        guard bytes.count >= 44, bytes.starts(with: Array("TZif".utf8)) else { return nil }
        var reader = TZifReader(bytes: bytes)
        guard let first = reader.header() else { return nil }
        guard bytes[4] >= 0x32 else {
            guard let zone = reader.block(first, timeSize: 4) else { return nil }
            self = zone
            return
        }

        guard reader.skip(first.blockSize(timeSize: 4)), let second = reader.header(),
            var zone = reader.block(second, timeSize: 8)
        else { return nil }
        zone.footer = reader.footer()
        self = zone
    }
}

/// The counts in a TZif header.
private struct TZifCounts {
    var isUT: Int
    var isStandard: Int
    var leaps: Int
    var times: Int
    var types: Int
    var chars: Int

    func blockSize(timeSize: Int) -> Int {
        times * (timeSize + 1) + types * 6 + chars + leaps * (timeSize + 4) + isStandard + isUT
    }
}

/// A bounds-checked cursor over TZif bytes.
private struct TZifReader {
    let bytes: [UInt8]
    var index = 0

    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, index + count <= bytes.count else { return false }
        index += count
        return true
    }

    mutating func header() -> TZifCounts? {
        guard index + 44 <= bytes.count, bytes[index..<index + 4].elementsEqual("TZif".utf8) else {
            return nil
        }
        index += 20
        var counts: [Int] = []
        for _ in 0..<6 {
            guard let count = integer(size: 4), count >= 0, count < 1 << 20 else { return nil }
            counts.append(Int(count))
        }
        return TZifCounts(
            isUT: counts[0], isStandard: counts[1], leaps: counts[2], times: counts[3],
            types: counts[4], chars: counts[5])
    }

    /// Reads the transitions and local time types of one data block and skips the rest.
    mutating func block(_ counts: TZifCounts, timeSize: Int) -> TZifZone? {
        guard counts.types > 0, index + counts.blockSize(timeSize: timeSize) <= bytes.count else {
            return nil
        }
        var times: [Int64] = []
        for _ in 0..<counts.times {
            guard let time = integer(size: timeSize) else { return nil }
            times.append(time)
        }
        let indices = bytes[index..<index + counts.times].map(Int.init)
        index += counts.times
        var types: [Int] = []
        for _ in 0..<counts.types {
            guard let offset = integer(size: 4) else { return nil }
            types.append(Int(offset))
            index += 2
        }

        guard indices.allSatisfy({ $0 < types.count }) else { return nil }
        index += counts.chars + counts.leaps * (timeSize + 4) + counts.isStandard + counts.isUT
        return TZifZone(
            transitions: times, offsets: indices.map { types[$0] }, initialOffset: types[0],
            footer: nil)
    }

    /// The POSIX TZ string between the two newlines after the data, when it is readable.
    func footer() -> PosixTimeZone? {
        guard index < bytes.count, bytes[index] == 0x0A,
            let end = bytes[(index + 1)...].firstIndex(of: 0x0A)
        else { return nil }
        return PosixTimeZone(String(decoding: bytes[(index + 1)..<end], as: UTF8.self))
    }

    /// A big-endian signed integer of 4 or 8 bytes.
    mutating func integer(size: Int) -> Int64? {
        guard index + size <= bytes.count else { return nil }
        var value: UInt64 = 0
        for byte in bytes[index..<index + size] {
            value = value << 8 | UInt64(byte)
        }
        index += size
        if size == 4 { return Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: value))) }
        return Int64(bitPattern: value)
    }
}
