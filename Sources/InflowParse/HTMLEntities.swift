/// HTML character references: numeric ones and the named ones mail commonly uses.
enum HTMLEntities {
    /// The character a reference at `start` (on its `&`) stands for and the reference's length
    /// including `;`; nil when there is no known reference there.
    static func reference(_ bytes: [UInt8], at start: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        let limit = min(bytes.count, start + 12)
        guard let semicolon = bytes[start..<limit].firstIndex(of: ASCII.semicolon),
            semicolon > start + 1
        else { return nil }
        let body = bytes[(start + 1)..<semicolon]
        let length = semicolon - start + 1
        if body.first == ASCII.hash {
            return numeric(body.dropFirst()).map { ($0, length) }
        }
        let name = String(decoding: body, as: UTF8.self)
        return named[name].flatMap(Unicode.Scalar.init).map { ($0, length) }
    }

    private static func numeric(_ digits: ArraySlice<UInt8>) -> Unicode.Scalar? {
        let hex = digits.first.map { $0 | 0x20 } == UInt8(ascii: "x")
        let text = String(decoding: hex ? digits.dropFirst() : digits, as: UTF8.self)
        guard let value = UInt32(text, radix: hex ? 16 : 10), value != 0 else { return nil }
        return Unicode.Scalar(value) ?? Unicode.Scalar(0xFFFD)
    }

    private static let named: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "nbsp": 0x20,
        "copy": 0xA9, "reg": 0xAE, "trade": 0x2122, "hellip": 0x2026, "mdash": 0x2014,
        "ndash": 0x2013, "lsquo": 0x2018, "rsquo": 0x2019, "ldquo": 0x201C, "rdquo": 0x201D,
        "sbquo": 0x201A, "bdquo": 0x201E, "bull": 0x2022, "middot": 0xB7, "euro": 0x20AC,
        "pound": 0xA3, "yen": 0xA5, "cent": 0xA2, "sect": 0xA7, "deg": 0xB0, "laquo": 0xAB,
        "raquo": 0xBB, "times": 0xD7, "divide": 0xF7, "shy": 0xAD, "zwnj": 0x200C,
        "zwj": 0x200D, "para": 0xB6, "plusmn": 0xB1, "frac12": 0xBD, "iexcl": 0xA1,
        "iquest": 0xBF, "auml": 0xE4, "ouml": 0xF6, "uuml": 0xFC, "Auml": 0xC4, "Ouml": 0xD6,
        "Uuml": 0xDC, "szlig": 0xDF, "eacute": 0xE9, "egrave": 0xE8, "ecirc": 0xEA,
        "aacute": 0xE1, "agrave": 0xE0, "acirc": 0xE2, "ccedil": 0xE7, "iacute": 0xED,
        "oacute": 0xF3, "uacute": 0xFA, "ntilde": 0xF1, "Eacute": 0xC9, "aring": 0xE5,
        "oslash": 0xF8, "aelig": 0xE6,
    ]
}
