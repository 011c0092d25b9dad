import InflowCore

/// One MIME part of a message: its headers and type, and either its sub-parts or its body.
///
/// The tree is what the email parser walks to choose the text body and list attachments; it is
/// public so that callers and tests can check the structure the parser saw.
public struct MIMEPart: Sendable {
    let headers: HeaderBlock
    /// The media type, lowercased `type/subtype`: `text/plain` when undeclared or unreadable
    /// (`message/rfc822` for the parts of a `multipart/digest`).
    public internal(set) var contentType: String
    /// The Content-Type parameters by lowercased name, RFC 2231 forms joined and decoded.
    public let parameters: [String: String]
    /// The Content-Disposition value lowercased (`inline`, `attachment`), empty when absent.
    public let disposition: String
    /// The file name: the Content-Disposition `filename`, else the Content-Type `name`.
    public let filename: String?
    /// The Content-Transfer-Encoding lowercased, empty when absent.
    public let transferEncoding: String
    /// The sub-parts of a multipart part, in order; empty for a leaf.
    public internal(set) var children: [MIMEPart]
    /// The body as written, before transfer decoding.
    var body: ArraySlice<UInt8>

    /// The value of the first header field with this name (any case), decoded, or nil.
    public func header(_ name: String) -> String? {
        guard let value = headers.first(name.lowercased()) else { return nil }
        var decoder = CharsetDecoder()
        var notes: [String] = []
        return EncodedWords.decode(value, decoder: &decoder, notes: &notes)
    }

    /// The body with its Content-Transfer-Encoding undone.
    ///
    /// - Returns: The bytes, or a failure naming why they would not decode (an unknown
    ///   encoding, or base64 with bytes outside its alphabet).
    public func decodedBody() -> Result<[UInt8], EmailParseFailure> {
        do {
            return .success(try TransferDecoding.decode(body, encoding: transferEncoding))
        } catch {
            return .failure(EmailParseFailure(reason: error.reason))
        }
    }

    /// The body decoded to text through its transfer encoding and charset (line breaks as
    /// written), or nil for a multipart part.
    public func text() -> String? {
        guard children.isEmpty, !contentType.hasPrefix("multipart/") else { return nil }
        var decoder = CharsetDecoder()
        var notes: [String] = []
        return decodedText(decoder: &decoder, notes: &notes)
    }

    /// The body decoded to text, guessing where the charset is unknown and leaving an unknown
    /// transfer encoding as written, each with a note.
    func decodedText(decoder: inout CharsetDecoder, notes: inout [String]) -> String {
        if !TransferDecoding.isKnown(transferEncoding) {
            let encoding = transferEncoding.debugEscaped
            notes.append("Content-Transfer-Encoding '\(encoding)' unknown; text read as written")
        }
        let bytes = TransferDecoding.decodeLeniently(body, encoding: transferEncoding)
        return decoder.decode(bytes[...], charset: parameters["charset"], notes: &notes)
    }

    /// True when the part is an attachment: disposition `attachment`, a file name, or a leaf
    /// that is not text.
    var looksLikeAttachment: Bool {
        disposition == "attachment" || filename != nil || !contentType.hasPrefix("text/")
    }

    /// True when the raw body holds more than whitespace.
    var hasContent: Bool {
        body.contains { !ASCII.isWhitespace($0) }
    }

    /// The leaves of the tree in document order.
    var leaves: [MIMEPart] {
        contentType.hasPrefix("multipart/") ? children.flatMap(\.leaves) : [self]
    }
}

extension EmailParser {
    /// Reads a message's MIME structure without building a record: the root part and its tree.
    ///
    /// - Returns: The root part, or the same failures as `parse` (no header fields, limits).
    public static func parseStructure(_ bytes: [UInt8]) -> Result<MIMEPart, EmailParseFailure> {
        do {
            var context = MIMEContext()
            return .success(try readRoot(bytes[...], context: &context).root)
        } catch {
            return .failure(error)
        }
    }

    /// Reads the top header block and the MIME tree under it.
    static func readRoot(
        _ bytes: ArraySlice<UInt8>, context: inout MIMEContext
    ) throws(EmailParseFailure) -> (root: MIMEPart, headers: HeaderBlock) {
        var start = bytes.startIndex
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        let (headers, bodyStart) = try HeaderBlock.read(bytes[start...], skippingEnvelope: true)
        guard !headers.fields.isEmpty else {
            throw EmailParseFailure(
                reason: "no header fields found: the item does not start with 'Name: value' lines, "
                    + "so it is not an email")
        }
        context.partCount = 1
        let reader = MIMEReader(bytes: bytes)
        var root = try reader.part(
            headers: headers, bodyStart: bodyStart, depth: 0, defaultType: "text/plain", stack: [],
            context: &context)
        root.part.body = bytes[bodyStart...]
        return (root.part, headers)
    }
}

/// What parsing one message carries along: the charset converters, the notes and the part
/// count.
struct MIMEContext {
    var decoder = CharsetDecoder()
    var notes: [String] = []
    var partCount = 0

    mutating func note(_ note: String) {
        if !notes.contains(note) { notes.append(note) }
    }

    /// `text` without NUL characters, which no text column can hold and which only broken
    /// mail programs write; how many were removed from `place` goes in the notes.
    mutating func removingNULs(_ text: String, from place: String) -> String {
        let count = text.utf8.count { $0 == 0 }
        guard count > 0 else { return text }
        note("\(count) NUL character\(count == 1 ? "" : "s") removed from \(place)")
        return String(decoding: text.utf8.filter { $0 != 0 }, as: UTF8.self)
    }
}
