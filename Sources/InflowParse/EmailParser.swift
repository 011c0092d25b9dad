public import InflowCore
import InflowDigest

/// Reads one raw email (RFC 5322 with MIME, RFC 2045-2047 and 2231) into an `EmailRecord`.
///
/// The parser is pure: bytes in, a record or a failure out. It is tolerant the way mail readers
/// are: what it had to guess or repair is listed in the record's `parseNotes` rather than
/// failing the message. Only bytes without any header field, or a message over one of the
/// `ParseLimits`, are rejected.
public enum EmailParser {
    /// Parses one raw email item into a record, or says why it cannot.
    ///
    /// - Parameter item: The raw bytes with their origin and envelope date.
    /// - Returns: The record, or a failure whose reason a user can act on.
    public static func parse(_ item: RawItem) -> Result<EmailRecord, EmailParseFailure> {
        do {
            return .success(try record(item))
        } catch {
            return .failure(error)
        }
    }

    private static func record(_ item: RawItem) throws(EmailParseFailure) -> EmailRecord {
        var context = MIMEContext()
        let (root, headers) = try readRoot(item.bytes[...], context: &context)

        let messageId = headers.first("message-id").flatMap(MessageIDs.first)
        var record = EmailRecord(
            id: messageId ?? "sha256:" + item.origin.sha256, source: item.source, origin: item.origin,
            sizeBytes: item.bytes.count)
        record.messageId = messageId
        record.envelopeDate = item.envelopeDate
        readHeaders(headers, into: &record, context: &context)

        try readBody(root, into: &record, context: &context)
        record.parseNotes = context.notes
        return record
    }

    /// Fills the fields that come from the top header block.
    private static func readHeaders(
        _ headers: HeaderBlock, into record: inout EmailRecord, context: inout MIMEContext
    ) {
        record.inReplyTo = headers.first("in-reply-to").flatMap(MessageIDs.first)
        record.references = headers.all("references").flatMap(MessageIDs.all)
        record.threadId = headers.first("x-gm-thrid").flatMap(token)
        record.subject = headers.first("subject").map {
            let text = EncodedWords.decode($0, decoder: &context.decoder, notes: &context.notes)
            return context.removingNULs(text, from: "the subject")
        }
        if let labels = headers.first("x-gmail-labels") {
            let text = EncodedWords.decode(labels, decoder: &context.decoder, notes: &context.notes)
            record.labels = GmailLabels.split(text)
        }
        readAddresses(headers, into: &record, context: &context)
        readDate(headers, into: &record, context: &context)
    }

    private static func readAddresses(
        _ headers: HeaderBlock, into record: inout EmailRecord, context: inout MIMEContext
    ) {
        func addresses(_ key: String) -> [Address] {
            headers.all(key).flatMap {
                AddressListParser.parse($0, decoder: &context.decoder, notes: &context.notes)
            }
        }
        record.from = addresses("from").first
        record.to = addresses("to")
        record.cc = addresses("cc")
        record.bcc = addresses("bcc")
        record.replyTo = addresses("reply-to")
    }

    private static func readDate(
        _ headers: HeaderBlock, into record: inout EmailRecord, context: inout MIMEContext
    ) {
        guard let value = headers.first("date") else { return }
        record.date = DateParser.parse(value)
        if record.date == nil {
            let text = String(decoding: value, as: UTF8.self)
            context.note("Date header '\(text.debugEscaped)' unreadable")
        }
    }

    /// A header value as one token without whitespace, or nil when empty.
    private static func token(_ value: [UInt8]) -> String? {
        let trimmed = ASCII.trimmed(value)
        return trimmed.isEmpty ? nil : String(decoding: trimmed, as: UTF8.self)
    }
}
