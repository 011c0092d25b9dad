/// Decodes an archive entry's stored name, which is bytes in whatever encoding the tool
/// that wrote the archive used.
///
/// UTF-8 is taken when the bytes are valid UTF-8. Otherwise a zip name is read as CP437 (the
/// zip format's original code page) and a tar name as Latin-1: every byte maps to some
/// character, so decoding never fails, and the note says the name was not UTF-8.
enum EntryName {
    /// The decoded name and, when the bytes were not UTF-8, a note saying so.
    static func decode(_ bytes: [UInt8], zip: Bool) -> (name: String, note: String?) {
        if let text = String(validating: bytes, as: UTF8.self) { return (text, nil) }
        var name = ""
        for byte in bytes {
            let scalar = byte < 128 || !zip ? UInt32(byte) : UInt32(cp437High[Int(byte) - 128])
            name.unicodeScalars.append(Unicode.Scalar(scalar) ?? "\u{FFFD}")
        }
        let encoding = zip ? "CP437" : "Latin-1"
        return (name, "the entry name '\(name)' is not UTF-8; it was read as \(encoding)")
    }

    /// Whether the name could escape an extraction folder: an absolute path, a drive letter,
    /// or a `..` component. Such entries are never read.
    static func unsafeReason(_ name: String) -> String? {
        if name.hasPrefix("/") || name.hasPrefix("\\") { return "an absolute path" }
        let scalars = Array(name.unicodeScalars.prefix(2))
        if scalars.count == 2, scalars[1] == ":", scalars[0].properties.isAlphabetic {
            return "an absolute path with a drive letter"
        }
        let parts = name.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        if parts.contains("..") { return "a path that climbs out of its folder with '..'" }
        return nil
    }

    /// CP437's characters for the bytes 0x80 to 0xFF.
    private static let cp437High: [UInt16] = [
        0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,
        0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,
        0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
        0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192,
        0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA,
        0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
        0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,
        0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510,
        0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,
        0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567,
        0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B,
        0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,
        0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4,
        0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229,
        0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248,
        0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,
    ]
}
