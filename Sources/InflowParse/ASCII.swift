/// The ASCII bytes the parsers compare against, named so that byte loops read as text.
enum ASCII {
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let hash: UInt8 = 0x23
    static let ampersand: UInt8 = 0x26
    static let apostrophe: UInt8 = 0x27
    static let openParen: UInt8 = 0x28
    static let closeParen: UInt8 = 0x29
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let less: UInt8 = 0x3C
    static let equals: UInt8 = 0x3D
    static let greater: UInt8 = 0x3E
    static let question: UInt8 = 0x3F
    static let at: UInt8 = 0x40
    static let backslash: UInt8 = 0x5C
    static let underscore: UInt8 = 0x5F
    static let percent: UInt8 = 0x25
    static let asterisk: UInt8 = 0x2A

    /// True for space, tab, CR and LF: the whitespace of header and body lines.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == cr || byte == lf
    }

    /// True for space and tab, the whitespace inside one line.
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }

    /// True for ASCII digits.
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39
    }

    /// True for ASCII letters.
    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
    }

    /// The byte lowercased when it is an ASCII capital letter.
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// The value of a hex digit, or nil.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// Bytes as a string with ASCII letters lowercased and surrounding whitespace removed, for
    /// comparing names and tokens.
    static func lowercasedString<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes) -> String {
        String(decoding: trimmed(bytes).map(lowercased), as: UTF8.self)
    }

    /// The bytes without leading and trailing whitespace.
    static func trimmed<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes) -> Bytes.SubSequence {
        guard let first = bytes.firstIndex(where: { !isWhitespace($0) }),
            let last = bytes.lastIndex(where: { !isWhitespace($0) })
        else { return bytes[bytes.endIndex...] }
        return bytes[first...last]
    }

    /// True when every byte is below 0x80.
    static func isASCII<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Bool {
        bytes.allSatisfy { $0 < 0x80 }
    }

    /// Reads the quoted string whose opening quote is at `start`: its content with `\"` and
    /// `\\` unescaped (other backslashes kept, as Windows paths in file names need), and the
    /// index past the closing quote, or the end when the quote is never closed.
    static func quotedString(_ bytes: [UInt8], from start: Int) -> (content: [UInt8], end: Int) {
        var content: [UInt8] = []
        var index = start + 1
        while index < bytes.count, bytes[index] != quote {
            if bytes[index] == backslash, index + 1 < bytes.count,
                bytes[index + 1] == quote || bytes[index + 1] == backslash
            {
                index += 1
            }
            content.append(bytes[index])
            index += 1
        }
        return (content, min(index + 1, bytes.count))
    }
}
