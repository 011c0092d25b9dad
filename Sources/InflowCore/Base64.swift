/// Standard base64 (RFC 4648, section 4) over bytes.
public enum Base64 {
    private static let alphabet = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() {
            table[Int(byte)] = UInt8(index)
        }
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    /// Encodes bytes with padding and no line breaks.
    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out.append(alphabet[Int(value >> 18 & 63)])
            out.append(alphabet[Int(value >> 12 & 63)])
            out.append(alphabet[Int(value >> 6 & 63)])
            out.append(alphabet[Int(value & 63)])
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            let second = rest == 2 ? UInt32(bytes[index + 1]) : 0
            let value = UInt32(bytes[index]) << 16 | second << 8
            out.append(alphabet[Int(value >> 18 & 63)])
            out.append(alphabet[Int(value >> 12 & 63)])
            out.append(rest == 2 ? alphabet[Int(value >> 6 & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes strictly: only alphabet characters, optional padding; nil on anything else.
    public static func decode(_ text: [UInt8]) -> [UInt8]? {
        var trimmed = text[...]
        while trimmed.last == UInt8(ascii: "=") { trimmed = trimmed.dropLast() }
        guard trimmed.allSatisfy({ decodeTable[Int($0)] != 0xFF }), trimmed.count % 4 != 1 else {
            return nil
        }
        return decodeLenient(trimmed)
    }

    /// Decodes as mail readers do: whitespace and characters outside the alphabet are skipped,
    /// decoding stops at padding, and a dangling final sextet is dropped.
    ///
    /// - Complexity: O(n) time, one output buffer.
    public static func decodeLenient<Bytes: Collection<UInt8>>(_ text: Bytes) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count / 4 * 3)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in text {
            if byte == UInt8(ascii: "=") { break }
            let value = decodeTable[Int(byte)]
            if value == 0xFF { continue }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return out
    }
}
