/// Content-Transfer-Encoding: quoted-printable, base64, and the identity encodings.
enum TransferDecoding {
    /// Why a body would not decode.
    struct Failure: Error {
        var reason: String
    }

    /// The encodings that leave bytes as they are, as written in real mail.
    private static let identity: Set<String> = ["", "7bit", "8bit", "binary", "7-bit", "8-bit"]

    /// True for the encodings this decoder knows.
    static func isKnown(_ encoding: String) -> Bool {
        identity.contains(encoding) || encoding == "quoted-printable" || encoding == "base64"
    }

    /// Decodes a part body by its lowercased Content-Transfer-Encoding (empty: none) for
    /// reading as text: base64 is read leniently, and an unknown encoding leaves the bytes as
    /// written.
    static func decodeLeniently(_ body: ArraySlice<UInt8>, encoding: String) -> [UInt8] {
        switch encoding {
        case "quoted-printable": quotedPrintable(body)
        case "base64": base64(body).bytes
        default: Array(body)
        }
    }

    /// Decodes a part body by its lowercased Content-Transfer-Encoding (empty: none) for
    /// hashing: bytes outside the base64 alphabet, a truncated final base64 group and an unknown
    /// encoding are failures, which is how an attachment that will not decode is told apart.
    ///
    /// - Throws: `Failure` naming the encoding or the offending byte and its offset.
    static func decode(_ body: ArraySlice<UInt8>, encoding: String) throws(Failure) -> [UInt8] {
        guard isKnown(encoding) else {
            throw Failure(reason: "unsupported Content-Transfer-Encoding '\(encoding)'")
        }
        guard encoding == "base64" else { return decodeLeniently(body, encoding: encoding) }

        let decoded = base64(body)
        if let invalid = decoded.invalid {
            let hex = String(invalid.byte, radix: 16, uppercase: true)
            throw Failure(
                reason: "base64 body has the invalid byte 0x\(hex) at offset \(invalid.offset)")
        }
        guard decoded.significant % 4 != 1 else {
            throw Failure(reason: "base64 body is truncated (\(decoded.significant) characters)")
        }
        return decoded.bytes
    }

    /// Base64 read the way mail readers do: whitespace and bytes outside the alphabet are
    /// skipped, decoding stops at `=`, and a dangling final character is dropped.
    ///
    /// - Returns: The bytes, the first byte outside the alphabet (other than whitespace) with its
    ///   offset, and how many alphabet characters were read.
    /// - Complexity: O(n), one table lookup per byte over a buffer pointer.
    static func base64<Bytes: Collection<UInt8>>(
        _ body: Bytes
    ) -> (bytes: [UInt8], invalid: (offset: Int, byte: UInt8)?, significant: Int) {
        var out: [UInt8] = []
        out.reserveCapacity(body.count / 4 * 3 + 3)
        var invalid: (offset: Int, byte: UInt8)?
        var significant = 0
        var accumulator: UInt32 = 0
        var bits = 0
        for (offset, byte) in body.enumerated() {
            let value = base64Table[Int(byte)]
            if value >= 64 {
                if value == padding { break }
                if value == invalidByte, invalid == nil { invalid = (offset, byte) }
                continue
            }
            significant += 1
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return (out, invalid, significant)
    }

    private static let padding: UInt8 = 0xFD
    private static let skipped: UInt8 = 0xFE
    private static let invalidByte: UInt8 = 0xFF

    /// Each byte's sextet, or `padding`, `skipped` (whitespace) or `invalidByte`.
    private static let base64Table: [UInt8] = {
        var table = [UInt8](repeating: invalidByte, count: 256)
        let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        for (index, byte) in alphabet.utf8.enumerated() {
            table[Int(byte)] = UInt8(index)
        }
        for byte in [ASCII.space, ASCII.tab, ASCII.cr, ASCII.lf] { table[Int(byte)] = skipped }
        table[Int(ASCII.equals)] = padding
        return table
    }()

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
