/// The part of Unicode compatibility decomposition (NFKD) that can change a company-name key.
///
/// Name keys keep only `[0-9a-z]`, so a compatibility character matters only when its NFKD
/// form holds a lowercase ASCII letter or digit: fullwidth forms, Latin ligatures and
/// digraphs, superscripts and subscripts, small roman numerals, circled and parenthesized
/// letters and digits, and mathematical lowercase letters and digits. Every other character
/// ends up a space either way (a capital `ℂ` decomposes to `C`, which is not in the key set).
/// The canonical part of NFKD comes from ``UnicodeNormalization/nfd(_:)``.
enum CompatibilityFolding {
    /// The ASCII text `scalar` folds to, or nil when it has no compatibility form that matters.
    static func fold(_ scalar: Unicode.Scalar) -> String? {
        let value = scalar.value
        switch value {
        case 0xFF01...0xFF5E: return ascii(value - 0xFEE0)
        case 0x2460...0x2473: return String(value - 0x245F)
        case 0x249C...0x24B5: return ascii(0x61 + value - 0x249C)
        case 0x24D0...0x24E9: return ascii(0x61 + value - 0x24D0)
        case 0x2070...0x209C: return superscriptOrSubscript(value)
        case 0x1D400...0x1D6A3: return mathLetter(value)
        case 0x1D7CE...0x1D7FF: return ascii(0x30 + (value - 0x1D7CE) % 10)
        default: return table[value]
        }
    }

    /// Single characters and small groups whose NFKD form is listed one by one.
    private static let table: [UInt32: String] = [
        0xAA: "a", 0xB2: "2", 0xB3: "3", 0xB9: "1", 0xBA: "o",
        0x133: "ij", 0x140: "l", 0x17F: "s", 0x1C6: "dz", 0x1C9: "lj", 0x1CC: "nj",
        0x1F3: "dz", 0x1E9B: "s", 0x2024: ".", 0x2025: "..", 0x2026: "...",
        0x210A: "g", 0x210E: "h", 0x2113: "l", 0x212F: "e", 0x2134: "o", 0x2139: "i",
        0x2146: "d", 0x2147: "e", 0x2148: "i", 0x2149: "j",
        0x2170: "i", 0x2171: "ii", 0x2172: "iii", 0x2173: "iv", 0x2174: "v", 0x2175: "vi",
        0x2176: "vii", 0x2177: "viii", 0x2178: "ix", 0x2179: "x", 0x217A: "xi",
        0x217B: "xii", 0x217C: "l", 0x217D: "c", 0x217E: "d", 0x217F: "m",
        0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl",
        0xFB05: "st", 0xFB06: "st",
    ]

    /// Superscript and subscript digits and small letters (U+2070 to U+209C).
    private static func superscriptOrSubscript(_ value: UInt32) -> String? {
        switch value {
        case 0x2070, 0x2074...0x2079: return ascii(0x30 + value - 0x2070)
        case 0x2080...0x2089: return ascii(0x30 + value - 0x2080)
        case 0x2071: return "i"
        case 0x207F: return "n"
        default: return subscriptLetters[value]
        }
    }

    /// The subscript small letters.
    private static let subscriptLetters: [UInt32: String] = [
        0x2090: "a", 0x2091: "e", 0x2092: "o", 0x2093: "x", 0x2095: "h", 0x2096: "k",
        0x2097: "l", 0x2098: "m", 0x2099: "n", 0x209A: "p", 0x209B: "s", 0x209C: "t",
    ]

    /// Mathematical alphanumeric letters: thirteen styles of 26 capitals then 26 small letters.
    /// Capitals fold to capitals, which the key drops, so only the small letters are returned.
    private static func mathLetter(_ value: UInt32) -> String? {
        let offset = (value - 0x1D400) % 52
        return offset >= 26 ? ascii(0x61 + offset - 26) : nil
    }

    /// The one-character string of an ASCII code.
    private static func ascii(_ value: UInt32) -> String {
        String(Unicode.Scalar(UInt8(value)))
    }
}
