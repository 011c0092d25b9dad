/// RFC 2047 encoded words (`=?charset?B|Q?text?=`) in header text.
enum EncodedWords {
    /// A run of decoded bytes in one charset; nil charset for raw header bytes.
    private struct Piece {
        var charset: String?
        var bytes: [UInt8]
    }

    /// Decodes header text: every encoded word in any charset, raw 8-bit bytes as UTF-8 when
    /// valid, else Windows-1252.
    ///
    /// Whitespace between two adjacent encoded words is dropped, and adjacent words in the same
    /// charset are joined before conversion, so a character split across two words survives.
    /// The result has surrounding whitespace trimmed.
    static func decode<Bytes: Collection<UInt8>>(
        _ bytes: Bytes, decoder: inout CharsetDecoder, notes: inout [String]
    ) -> String where Bytes.Index == Int {
        var text = ""
        for piece in pieces(bytes) {
            text += decoder.decode(piece.bytes[...], charset: piece.charset, notes: &notes)
        }
        return String(decoding: ASCII.trimmed(Array(text.utf8)), as: UTF8.self)
    }

    private static func pieces<Bytes: Collection<UInt8>>(
        _ bytes: Bytes
    ) -> [Piece] where Bytes.Index == Int {
        var pieces: [Piece] = []
        var raw: [UInt8] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            guard bytes[index] == ASCII.equals, let word = encodedWord(bytes, at: index) else {
                raw.append(bytes[index])
                index += 1
                continue
            }
            let followsWord = pieces.last?.charset != nil
            if !raw.isEmpty, !(followsWord && raw.allSatisfy(ASCII.isWhitespace)) {
                pieces.append(Piece(charset: nil, bytes: raw))
            }
            raw.removeAll(keepingCapacity: true)
            if let last = pieces.last, last.charset == word.piece.charset {
                pieces[pieces.count - 1].bytes += word.piece.bytes
            } else {
                pieces.append(word.piece)
            }
            index = word.end
        }
        if !raw.isEmpty { pieces.append(Piece(charset: nil, bytes: raw)) }
        return pieces
    }

    /// Reads one encoded word starting at `start` (on its `=`); nil when it is not one.
    private static func encodedWord<Bytes: Collection<UInt8>>(
        _ bytes: Bytes, at start: Int
    ) -> (piece: Piece, end: Int)? where Bytes.Index == Int {
        guard start + 1 < bytes.endIndex, bytes[start + 1] == ASCII.question else { return nil }
        let charsetStart = start + 2
        var index = charsetStart
        while index < bytes.endIndex, bytes[index] != ASCII.question {
            if ASCII.isWhitespace(bytes[index]) { return nil }
            index += 1
        }
        guard index + 2 < bytes.endIndex, index > charsetStart, bytes[index + 2] == ASCII.question
        else { return nil }
        let charset = String(decoding: bytes[charsetStart..<index], as: UTF8.self)
        let encoding = ASCII.lowercased(bytes[index + 1])

        let textStart = index + 3
        var textEnd = textStart
        while textEnd + 1 < bytes.endIndex,
            !(bytes[textEnd] == ASCII.question && bytes[textEnd + 1] == ASCII.equals)
        {
            if ASCII.isWhitespace(bytes[textEnd]) { return nil }
            textEnd += 1
        }
        guard textEnd + 1 < bytes.endIndex else { return nil }

        let text = bytes[textStart..<textEnd]
        let decoded: [UInt8]
        switch encoding {
        case UInt8(ascii: "b"): decoded = TransferDecoding.base64(text).bytes
        case UInt8(ascii: "q"): decoded = qDecode(text)
        default: return nil
        }
        return (Piece(charset: charset, bytes: decoded), textEnd + 2)
    }

    /// The Q encoding: `_` is a space, `=XX` a byte, anything else itself.
    private static func qDecode<Bytes: Collection<UInt8>>(
        _ text: Bytes
    ) -> [UInt8] where Bytes.Index == Int {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == ASCII.underscore {
                out.append(ASCII.space)
            } else if byte == ASCII.equals, index + 2 < text.endIndex,
                let high = ASCII.hexValue(text[index + 1]), let low = ASCII.hexValue(text[index + 2])
            {
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }
}
