/// Byte-level helpers over valid UTF-8 that follow Python's idea of whitespace and punctuation,
/// so that tokens split exactly where the reference implementation splits them.
enum UTF8Scan {
    /// The code point starting at `index` and how many bytes it takes.
    ///
    /// The buffer must hold valid UTF-8 (every Swift `String` does) and `index` must be the
    /// first byte of a code point.
    @inline(__always)
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (
        value: UInt32, length: Int
    ) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (lead, 1) }
        if lead < 0xE0 {
            return ((lead & 0x1F) << 6 | continuation(bytes, index + 1), 2)
        }
        if lead < 0xF0 {
            let value = (lead & 0x0F) << 12 | continuation(bytes, index + 1) << 6
                | continuation(bytes, index + 2)
            return (value, 3)
        }
        let value = (lead & 0x07) << 18 | continuation(bytes, index + 1) << 12
            | continuation(bytes, index + 2) << 6 | continuation(bytes, index + 3)
        return (value, 4)
    }

    @inline(__always)
    private static func continuation(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> UInt32 {
        UInt32(bytes[index] & 0x3F)
    }

    /// Whether a code point is whitespace to Python's `str.split()` and `str.strip()`.
    ///
    /// That is the Unicode `White_Space` set plus the separators U+001C–U+001F; U+200B and
    /// U+FEFF are not in it.
    @inline(__always)
    static func isWhitespace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029,
            0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Whether a byte is one of the 32 ASCII punctuation characters (Python's
    /// `string.punctuation`). Such a byte is never part of a longer UTF-8 sequence.
    @inline(__always)
    static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return true
        default: return false
        }
    }

    /// An ASCII byte with `A`–`Z` mapped to `a`–`z`.
    @inline(__always)
    static func lowercasedASCII(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }

    /// The number of code points in a range of bytes.
    static func scalarCount(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var count = 0
        for index in range where bytes[index] & 0xC0 != 0x80 {
            count += 1
        }
        return count
    }

    /// The range without Python whitespace at either end.
    static func trimmingWhitespace(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
        -> Range<Int>
    {
        var start = range.lowerBound
        while start < range.upperBound {
            let (value, length) = scalar(in: bytes, at: start)
            guard isWhitespace(value) else { break }
            start += length
        }

        var end = range.upperBound
        while end > start {
            var lead = end - 1
            while bytes[lead] & 0xC0 == 0x80 {
                lead -= 1
            }
            guard isWhitespace(scalar(in: bytes, at: lead).value) else { break }
            end = lead
        }
        return start..<end
    }
}
