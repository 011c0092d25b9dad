/// One email as parse makes it: the fields of SPEC section 8 for `email`, plus the envelope
/// date that decides the partition when the Date header is missing.
public struct EmailRecord: Sendable, Equatable {
    /// The stable key: the normalised Message-ID, else `sha256:<hex>` of the raw message.
    public var id: String
    public var source: SourceName
    public var origin: Origin
    /// The Message-ID without angle brackets, or nil when the message has none.
    public var messageId: String?
    /// The Gmail thread id (X-GM-THRID) where present; enrich fills it from the thread index
    /// otherwise.
    public var threadId: String?
    public var inReplyTo: String?
    public var references: [String]
    /// The Date header in UTC, or nil when it is missing or unreadable.
    public var date: Timestamp?
    /// The mbox envelope date, when there was one.
    public var envelopeDate: Timestamp?
    public var from: Address?
    public var to: [Address]
    public var cc: [Address]
    public var bcc: [Address]
    public var replyTo: [Address]
    public var subject: String?
    /// What the sender wrote: the text body without quoted history and signature.
    public var text: String?
    /// Quoted history found at the end of the text body.
    public var quotedText: String?
    /// The signature block found after the new text.
    public var signature: String?
    /// True when the message has an HTML body.
    public var hasHtml: Bool
    public var attachments: [Attachment]
    /// Gmail labels from X-Gmail-Labels.
    public var labels: [String]
    /// The size of the raw message in bytes.
    public var sizeBytes: Int
    /// What the parser had to guess or repair (an unknown charset, a missing boundary), so an
    /// analyst can find messages whose text may be imperfect.
    public var parseNotes: [String]
    /// Fields added by enrich; nil in parse output.
    public var enrichment: Enrichment?

    /// Creates a record with every list empty and every optional field nil.
    public init(id: String, source: SourceName, origin: Origin, sizeBytes: Int) {
        self.id = id
        self.source = source
        self.origin = origin
        self.references = []
        self.to = []
        self.cc = []
        self.bcc = []
        self.replyTo = []
        self.hasHtml = false
        self.attachments = []
        self.labels = []
        self.sizeBytes = sizeBytes
        self.parseNotes = []
    }

    /// The date that places the email in a partition: Date header, else envelope date.
    public var partitionDate: Timestamp? {
        date ?? envelopeDate
    }
}

/// An attachment's metadata; its bytes are never stored.
public struct Attachment: Sendable, Equatable {
    public var filename: String?
    public var contentType: String
    /// The decoded size in bytes, or nil when the body would not decode.
    public var size: Int?
    /// The SHA-256 of the decoded bytes, or nil when the body would not decode.
    public var sha256: String?
    /// Why the attachment could not be decoded, or nil.
    public var error: String?

    /// Creates attachment metadata.
    public init(filename: String?, contentType: String, size: Int?, sha256: String?, error: String? = nil) {
        self.filename = filename
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.error = error
    }

    /// The attachment as `{filename, contentType, size, sha256, error}`.
    public var json: JSON {
        .object(JSONObject([
            ("filename", JSON(filename)), ("contentType", .string(contentType)), ("size", JSON(size)),
            ("sha256", JSON(sha256)), ("error", JSON(error)),
        ]))
    }

    /// Reads attachment metadata back; nil when `contentType` is missing.
    public init?(json: JSON) {
        guard let object = json.objectValue, let contentType = object.string("contentType") else {
            return nil
        }
        self.init(
            filename: object.string("filename"), contentType: contentType, size: object.int("size"),
            sha256: object.string("sha256"), error: object.string("error"))
    }
}

extension EmailRecord {
    /// The record as one JSON object in the field order of SPEC section 8.
    public var json: JSON {
        var object = JSONObject([
            ("id", .string(id)), ("type", .string("email")), ("source", .string(source.rawValue)),
            ("origin", origin.json), ("messageId", JSON(messageId)), ("threadId", JSON(threadId)),
            ("inReplyTo", JSON(inReplyTo)), ("references", .strings(references)),
            ("date", JSON(date?.iso8601)), ("envelopeDate", JSON(envelopeDate?.iso8601)),
            ("from", from?.json ?? .null), ("to", to.json), ("cc", cc.json), ("bcc", bcc.json),
            ("replyTo", replyTo.json), ("subject", JSON(subject)), ("text", JSON(text)),
            ("quotedText", JSON(quotedText)), ("signature", JSON(signature)),
            ("hasHtml", .bool(hasHtml)), ("attachments", .array(attachments.map(\.json))),
            ("labels", .strings(labels)), ("sizeBytes", .int(Int64(sizeBytes))),
            ("parseNotes", .strings(parseNotes)),
        ])
        if let enrichment {
            for (key, value) in enrichment.jsonPairs {
                object[key] = value
            }
        }
        return .object(object)
    }

    /// Reads a record back from a parse, enrich or table line.
    ///
    /// - Throws: `RecordError` naming the first field that is missing or of the wrong kind.
    public init(json: JSON) throws(RecordError) {
        guard let object = json.objectValue else { throw .notAnObject }
        guard let id = object.string("id") else { throw .missingField("id") }
        guard let source = object.string("source").flatMap(SourceName.init(rawValue:)) else {
            throw .badValue("source")
        }
        guard let origin = Origin(json: object["origin"]) else { throw .missingField("origin") }
        self.init(id: id, source: source, origin: origin, sizeBytes: object.int("sizeBytes") ?? 0)
        messageId = object.string("messageId")
        threadId = object.string("threadId")
        inReplyTo = object.string("inReplyTo")
        references = object.strings("references")
        date = object.timestamp("date")
        envelopeDate = object.timestamp("envelopeDate")
        from = Address(json: object["from"])
        to = [Address](json: object.array("to"))
        cc = [Address](json: object.array("cc"))
        bcc = [Address](json: object.array("bcc"))
        replyTo = [Address](json: object.array("replyTo"))
        subject = object.string("subject")
        text = object.string("text")
        quotedText = object.string("quotedText")
        signature = object.string("signature")
        hasHtml = object.bool("hasHtml") ?? false
        attachments = object.array("attachments").compactMap(Attachment.init(json:))
        labels = object.strings("labels")
        parseNotes = object.strings("parseNotes")
        if object["direction"] != nil {
            enrichment = Enrichment(json: object)
        }
    }
}
