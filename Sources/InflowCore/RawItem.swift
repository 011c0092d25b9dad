/// One item as extract found it: its bytes, where they came from, and what the container said
/// about them (an mbox envelope line, say).
///
/// Extract writes raw items one per line; parse reads them back. Bytes that are valid UTF-8
/// are written as text so that `zstdcat | jq` shows them; other bytes are written as base64.
public struct RawItem: Sendable, Equatable {
    /// The source the item belongs to.
    public var source: SourceName
    /// The data type the item is expected to parse into.
    public var dataType: DataType
    /// Where the bytes came from.
    public var origin: Origin
    /// The mbox envelope sender token, when the item came from an mbox.
    public var envelopeSender: String?
    /// The mbox envelope date, when the separator line carried a readable one.
    public var envelopeDate: Timestamp?
    /// The item's raw bytes, with mbox escaping already undone.
    public var bytes: [UInt8]

    /// Creates a raw item.
    public init(
        source: SourceName, dataType: DataType, origin: Origin, envelopeSender: String? = nil,
        envelopeDate: Timestamp? = nil, bytes: [UInt8]
    ) {
        self.source = source
        self.dataType = dataType
        self.origin = origin
        self.envelopeSender = envelopeSender
        self.envelopeDate = envelopeDate
        self.bytes = bytes
    }

    /// The item as one JSON object, the line extract writes.
    public var json: JSON {
        let text = String(validating: bytes, as: UTF8.self)
        return .object(JSONObject([
            ("source", .string(source.rawValue)),
            ("dataType", .string(dataType.rawValue)),
            ("origin", origin.json),
            ("envelopeSender", JSON(envelopeSender)),
            ("envelopeDate", JSON(envelopeDate?.iso8601)),
            ("sizeBytes", .int(Int64(bytes.count))),
            ("encoding", .string(text == nil ? "base64" : "utf8")),
            ("raw", .string(text ?? Base64.encode(bytes))),
        ]))
    }

    /// Reads a raw item back from the line extract wrote.
    ///
    /// - Throws: `RecordError.missingField` or `.badValue` naming what is wrong.
    public init(json: JSON) throws(RecordError) {
        guard let object = json.objectValue else { throw .notAnObject }
        guard let source = object.string("source").flatMap(SourceName.init(rawValue:)) else {
            throw .badValue("source")
        }
        guard let dataType = object.string("dataType").flatMap(DataType.init(rawValue:)) else {
            throw .badValue("dataType")
        }
        guard let origin = Origin(json: object["origin"]) else { throw .missingField("origin") }
        guard let raw = object.string("raw") else { throw .missingField("raw") }
        let bytes: [UInt8]
        if object.string("encoding") == "base64" {
            guard let decoded = Base64.decode(Array(raw.utf8)) else { throw .badValue("raw") }
            bytes = decoded
        } else {
            bytes = Array(raw.utf8)
        }
        self.init(
            source: source, dataType: dataType, origin: origin,
            envelopeSender: object.string("envelopeSender"),
            envelopeDate: object.timestamp("envelopeDate"), bytes: bytes)
    }
}

/// Why a stored line could not be read back as a record.
public enum RecordError: Error, Equatable, CustomStringConvertible {
    case notAnObject
    case missingField(String)
    case badValue(String)

    public var description: String {
        switch self {
        case .notAnObject: "the line is not a JSON object"
        case .missingField(let field): "the field '\(field)' is missing"
        case .badValue(let field): "the field '\(field)' has a value of the wrong kind"
        }
    }
}
