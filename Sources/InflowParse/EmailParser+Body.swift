import InflowCore
import InflowDigest

extension EmailParser {
    /// Chooses the text body, splits it into new text, quoted history and signature, and lists
    /// the attachments.
    ///
    /// The body is the first `text/plain` leaf that is not an attachment and holds more than
    /// whitespace, else the first such `text/html` leaf converted to text, else an empty
    /// `text/plain` leaf. Every other leaf that looks like an attachment
    /// (disposition `attachment`, a file name, or a type other than text) is listed.
    static func readBody(
        _ root: MIMEPart, into record: inout EmailRecord, context: inout MIMEContext
    ) throws(EmailParseFailure) {
        let leaves = root.leaves
        let inlineText = leaves.indices.filter { !leaves[$0].looksLikeAttachment }
        let plainParts = inlineText.filter { leaves[$0].contentType == "text/plain" }
        let html = inlineText.first { leaves[$0].contentType == "text/html" }
        let plain = plainParts.first { leaves[$0].hasContent } ?? (html == nil ? plainParts.first : nil)
        let body = plain ?? html
        record.hasHtml = html != nil

        if let body {
            let parts = try readText(leaves[body], isHTML: plain == nil, context: &context)
            record.text = parts.text
            record.quotedText = parts.quoted
            record.signature = parts.signature
        }
        record.attachments = leaves.indices.compactMap { index in
            index != body && leaves[index].looksLikeAttachment ? attachment(leaves[index]) : nil
        }
    }

    /// The body part's text, converted from HTML when needed, split into its three pieces.
    ///
    /// - Throws: `EmailParseFailure` when the decoded text is over `ParseLimits`.
    private static func readText(
        _ part: MIMEPart, isHTML: Bool, context: inout MIMEContext
    ) throws(EmailParseFailure) -> ReplySplitter.Parts {
        var text = part.decodedText(decoder: &context.decoder, notes: &context.notes)
        text = context.removingNULs(text, from: "the text body")
        if !isHTML, part.parameters["format"]?.lowercased() == "flowed" {
            text = FlowedText.unwrap(text, deleteSpace: part.parameters["delsp"]?.lowercased() == "yes")
        }
        guard text.utf8.count <= ParseLimits.maxDecodedTextBytes else {
            throw EmailParseFailure(
                reason: "the text body is larger than \(ParseLimits.maxDecodedTextBytes) bytes "
                    + "once decoded")
        }
        return ReplySplitter.split(isHTML ? HTMLText.text(text) : text)
    }

    /// An attachment's metadata from its decoded bytes, or with the reason it would not decode.
    private static func attachment(_ part: MIMEPart) -> Attachment {
        let name = part.filename ?? (part.contentType == "message/rfc822" ? embeddedName(part) : nil)
        switch part.decodedBody() {
        case .success(let bytes):
            return Attachment(
                filename: name, contentType: part.contentType, size: bytes.count,
                sha256: SHA256.hex(bytes))
        case .failure(let failure):
            return Attachment(
                filename: name, contentType: part.contentType, size: nil, sha256: nil,
                error: failure.reason)
        }
    }

    /// An attached message is named by its subject, else `message.eml`.
    private static func embeddedName(_ part: MIMEPart) -> String {
        guard case .success(let bytes) = part.decodedBody(),
            let headers = try? HeaderBlock.read(bytes[...]).block,
            let subject = headers.first("subject")
        else { return "message.eml" }
        var decoder = CharsetDecoder()
        var notes: [String] = []
        let text = EncodedWords.decode(subject, decoder: &decoder, notes: &notes)
        return text.isEmpty ? "message.eml" : text
    }
}
