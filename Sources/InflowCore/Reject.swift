/// An item a stage could not take, with the reason; written to the stage's rejects file.
public struct Reject: Sendable, Equatable {
    /// The source of the item.
    public var source: SourceName
    /// The data type the item was meant to become.
    public var dataType: DataType
    /// Where the item came from.
    public var origin: Origin
    /// The stage that rejected it: `extract`, `parse`, `enrich` or `load`.
    public var stage: String
    /// A one-line reason a user can act on.
    public var reason: String

    /// Creates a reject.
    public init(source: SourceName, dataType: DataType, origin: Origin, stage: String, reason: String) {
        self.source = source
        self.dataType = dataType
        self.origin = origin
        self.stage = stage
        self.reason = reason
    }

    /// The reject as a JSON object.
    public var json: JSON {
        .object(JSONObject([
            ("source", .string(source.rawValue)), ("dataType", .string(dataType.rawValue)),
            ("origin", origin.json), ("stage", .string(stage)), ("reason", .string(reason)),
        ]))
    }

    /// Reads a reject back from its JSON form.
    public init(json: JSON) throws(RecordError) {
        guard let object = json.objectValue else { throw .notAnObject }
        guard let source = object.string("source").flatMap(SourceName.init(rawValue:)),
            let dataType = object.string("dataType").flatMap(DataType.init(rawValue:))
        else { throw .badValue("source") }
        guard let origin = Origin(json: object["origin"]) else { throw .missingField("origin") }
        self.init(
            source: source, dataType: dataType, origin: origin,
            stage: object.string("stage") ?? "", reason: object.string("reason") ?? "")
    }
}
