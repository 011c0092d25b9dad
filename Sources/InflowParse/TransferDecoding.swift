import InflowCore

/// Content-Transfer-Encoding: quoted-printable, base64, and the identity encodings.
enum TransferDecoding {
    /// Why a body would not decode.
    struct Failure: Error {
        var reason: String
    }

    /// Decodes a part body by its lowercased Content-Transfer-Encoding (empty: none).
    ///
    /// Base64 is read leniently (line breaks and stray bytes skipped) when `strict` is false;
    /// when true, bytes outside the base64 alphabet or a truncated final group are a failure,
    /// which is how an attachment that will not decode is told apart.
    ///
    /// - Throws: `Failure` for an unknown encoding, or for bad base64 when `strict`.
    static func decode(
        _ body: ArraySlice<UInt8>, encoding: String, strict: Bool
    ) throws(Failure) -> [UInt8] {
        switch encoding {
        case "", "7bit", "8bit", "binary", "7-bit", "8-bit":
            return Array(body)
        case "quoted-printable":
            return quotedPrintable(body)
        case "base64":
            if strict { try checkBase64(body) }
            return Base64.decodeLenient(body)
        default:
            if strict {
                throw Failure(reason: "unsupported Content-Transfer-Encoding '\(encoding)'")
            }
            return Array(body)
        }
    }

    private static func checkBase64(_ body: ArraySlice<UInt8>) throws(Failure) {
        var significant = 0
        for (offset, byte) in body.enumerated() {
            if byte == ASCII.equals { break }
            if ASCII.isWhitespace(byte) { continue }
            guard ASCII.isLetter(byte) || ASCII.isDigit(byte) || byte == ASCII.plus || byte == ASCII.slash
            else {
                let hex = String(byte, radix: 16, uppercase: true)
                throw Failure(reason: "base64 body has the invalid byte 0x\(hex) at offset \(offset)")
            }
            significant += 1
        }
        guard significant % 4 != 1 else {
            throw Failure(reason: "base64 body is truncated (\(significant) characters)")
        }
    }

    /// Quoted-printable: `=XX` bytes, `=` at the end of a line joins lines, and a malformed `=`
    /// stays as written.
    ///
    /// - Complexity: O(n), one pass over a buffer pointer.
    static func quotedPrintable(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        body.withUnsafeBufferPointer { input in
            var index = 0
            while index < input.count {
                let byte = input[index]
                index += 1
                guard byte == ASCII.equals else {
                    out.append(byte)
                    continue
                }
                if let end = softBreakEnd(input, from: index) {
                    index = end
                } else if index + 1 < input.count, let high = ASCII.hexValue(input[index]),
                    let low = ASCII.hexValue(input[index + 1])
                {
                    out.append(high << 4 | low)
                    index += 2
                } else {
                    out.append(byte)
                }
            }
        }
        return out
    }

    /// After an `=`: the index past the line break when only whitespace precedes it.
    private static func softBreakEnd(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while index < input.count, input[index] == ASCII.space || input[index] == ASCII.tab
            || input[index] == ASCII.cr
        {
            index += 1
        }
        if index == input.count { return index }
        return input[index] == ASCII.lf ? index + 1 : nil
    }
}
