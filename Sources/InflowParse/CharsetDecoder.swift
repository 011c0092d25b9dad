import Glibc
import InflowCore

/// Turns bytes in a declared charset into a string, through glibc's iconv for anything that
/// is not UTF-8.
///
/// Converters are opened on first use and kept for the life of the value, so one message with
/// many parts in the same charset opens iconv once. A label iconv does not know is guessed:
/// UTF-8 when the bytes are valid UTF-8, else Windows-1252, with a note saying so.
struct CharsetDecoder {
    private var converters: [String: IconvConverter] = [:]
    private var unusable: Set<String> = []

    /// Decodes `bytes` declared as `label` (nil or empty: undeclared).
    ///
    /// - Parameter notes: Receives one note per unknown label, naming the label and the guess.
    mutating func decode(
        _ bytes: ArraySlice<UInt8>, charset label: String?, notes: inout [String]
    ) -> String {
        switch CharsetLabel.resolve(label) {
        case .utf8:
            if let text = String(validating: bytes, as: UTF8.self) { return text }
            let note = "text declared UTF-8 has invalid bytes; replaced with U+FFFD"
            CharsetDecoder.add(note, to: &notes)
            return String(decoding: bytes, as: UTF8.self)
        case .undeclared:
            return CharsetDecoder.guess(bytes).text
        case .windows1252:
            return CharsetDecoder.windows1252(bytes)
        case .iconv(let name):
            if CharsetLabel.isASCIICompatible(name), ASCII.isASCII(bytes) {
                return String(decoding: bytes, as: UTF8.self)
            }
            if let converter = converter(for: name) {
                return String(decoding: converter.convert(bytes), as: UTF8.self)
            }
            return CharsetDecoder.guessNoting(bytes, label: label ?? name, notes: &notes)
        case .unknown(let raw):
            return CharsetDecoder.guessNoting(bytes, label: raw, notes: &notes)
        }
    }

    private mutating func converter(for name: String) -> IconvConverter? {
        if let open = converters[name] { return open }
        if unusable.contains(name) { return nil }
        guard let converter = IconvConverter(from: name) else {
            unusable.insert(name)
            return nil
        }
        converters[name] = converter
        return converter
    }

    /// UTF-8 when the bytes are valid UTF-8, else Windows-1252 (which maps every byte).
    private static func guess(_ bytes: ArraySlice<UInt8>) -> (text: String, charset: String) {
        if let text = String(validating: bytes, as: UTF8.self) { return (text, "UTF-8") }
        return (windows1252(bytes), "Windows-1252")
    }

    private static func guessNoting(
        _ bytes: ArraySlice<UInt8>, label: String, notes: inout [String]
    ) -> String {
        let (text, charset) = guess(bytes)
        add("charset '\(label.debugEscaped)' unknown; decoded as \(charset)", to: &notes)
        return text
    }

    private static func add(_ note: String, to notes: inout [String]) {
        if !notes.contains(note) { notes.append(note) }
    }

    /// Windows-1252 decoded in Swift: the five bytes it leaves undefined map to the C1 controls
    /// of the same value, as the WHATWG encoding standard does.
    private static func windows1252(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            if byte >= 0x80, byte < 0xA0, let mapped = Unicode.Scalar(cp1252High[Int(byte - 0x80)]) {
                scalars.append(mapped)
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    private static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]
}

/// An open iconv conversion from one charset to UTF-8 (`iconv_open`, closed with
/// `iconv_close` in `deinit`).
final class IconvConverter {
    private let handle: iconv_t

    /// Opens a conversion from `charset`; nil when iconv does not know the name.
    init?(from charset: String) {
        guard let handle = iconv_open("UTF-8", charset), handle != iconv_t(bitPattern: -1) else {
            return nil
        }
        self.handle = handle
    }

    deinit {
        iconv_close(handle)
    }

    /// Converts `input` to UTF-8 bytes (`iconv`), replacing each byte that is not valid in
    /// the charset, and a truncated sequence at the end, with U+FFFD.
    ///
    /// - Complexity: O(n); output grows in 64 KB steps.
    func convert(_ input: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count + input.count / 2)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        _ = iconv(handle, nil, nil, nil, nil)

        input.withUnsafeBufferPointer { source in
            var inPointer = source.baseAddress.map {
                UnsafeMutableRawPointer(mutating: $0).assumingMemoryBound(to: CChar.self)
            }
            var inLeft = source.count
            while inLeft > 0 {
                let (result, produced, error) = step(&inPointer, &inLeft, into: &chunk)
                output.append(contentsOf: chunk[0..<produced])
                if result != -1 || error == E2BIG { continue }

                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                if error != EILSEQ { break }
                inPointer = inPointer.map { $0 + 1 }
                inLeft -= 1
            }
        }
        return output
    }

    /// One `iconv` call into `chunk`: its result, the bytes produced and `errno`.
    private func step(
        _ inPointer: inout UnsafeMutablePointer<CChar>?, _ inLeft: inout Int,
        into chunk: inout [UInt8]
    ) -> (result: Int, produced: Int, error: Int32) {
        chunk.withUnsafeMutableBufferPointer { buffer in
            var outPointer = buffer.baseAddress.map {
                UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self)
            }
            var outLeft = buffer.count
            let result = iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft)
            return (result, buffer.count - outLeft, errno)
        }
    }
}

/// What a charset label means to the decoder.
enum CharsetLabel: Equatable {
    /// UTF-8 or a label that means it.
    case utf8
    /// No label, or US-ASCII (routinely used for 8-bit text): UTF-8 if valid, else
    /// Windows-1252, without a note.
    case undeclared
    /// Windows-1252, and ISO-8859-1 read as Windows-1252 the way browsers and mail readers do.
    case windows1252
    /// A name to hand to iconv.
    case iconv(String)
    /// A label that is not a charset name at all.
    case unknown(String)

    /// Normalises a label: case, quotes, an RFC 2231 language suffix, the `-i`/`-e` suffixes of
    /// the Hebrew and Arabic ISO sets, and the aliases mail clients write that iconv lacks.
    static func resolve(_ label: String?) -> CharsetLabel {
        guard let label else { return .undeclared }
        var name = ASCII.lowercasedString(label.utf8)
        name.removeAll { $0 == "\"" || $0 == "'" }
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }
        if name.isEmpty { return .undeclared }
        guard name.utf8.allSatisfy(isLabelByte), name.utf8.contains(where: ASCII.isLetter) else {
            return .unknown(label)
        }
        if name.hasSuffix("-i") || name.hasSuffix("-e"), name.hasPrefix("iso-8859-") {
            name.removeLast(2)
        }
        if let alias = aliases[name] { return alias }
        return .iconv(name.uppercased())
    }

    /// False for the charsets whose ASCII bytes do not mean ASCII (UTF-16, UTF-7, ISO-2022).
    static func isASCIICompatible(_ iconvName: String) -> Bool {
        !["UTF-16", "UTF-32", "UCS-", "UTF-7", "ISO-2022", "HZ"].contains { iconvName.hasPrefix($0) }
    }

    private static func isLabelByte(_ byte: UInt8) -> Bool {
        ASCII.isLetter(byte) || ASCII.isDigit(byte) || byte == ASCII.minus || byte == ASCII.underscore
            || byte == ASCII.dot || byte == ASCII.colon
    }

    private static let aliases: [String: CharsetLabel] = [
        "utf-8": .utf8, "utf8": .utf8, "unicode-1-1-utf-8": .utf8, "unicode-2-0-utf-8": .utf8,
        "x-unicode20utf8": .utf8,
        "us-ascii": .undeclared, "ascii": .undeclared, "ansi_x3.4-1968": .undeclared,
        "iso-8859-1": .windows1252, "iso8859-1": .windows1252, "iso_8859-1": .windows1252,
        "latin1": .windows1252, "l1": .windows1252, "windows-1252": .windows1252,
        "cp1252": .windows1252, "x-cp1252": .windows1252,
        "ks_c_5601-1987": .iconv("CP949"), "ks_c_5601": .iconv("CP949"), "euc-kr": .iconv("CP949"),
        "gb2312": .iconv("GB18030"), "gbk": .iconv("GB18030"), "x-gbk": .iconv("GB18030"),
        "shift_jis": .iconv("CP932"), "x-sjis": .iconv("CP932"), "sjis": .iconv("CP932"),
        "windows-31j": .iconv("CP932"), "x-mac-roman": .iconv("MACINTOSH"),
        "tis-620": .iconv("CP874"), "iso-8859-11": .iconv("CP874"), "x-euc-jp": .iconv("EUC-JP"),
        "unicode": .iconv("UTF-16"), "x-user-defined": .unknown("x-user-defined"),
    ]
}
