/// One calendar event as parse makes it: the `meeting` fields of the product contract.
///
/// A recurring series is one record holding its RRULE as text; a changed or cancelled
/// occurrence is a record of its own with the same `uid` and a `recurrenceId`, so the key
/// `uid#recurrenceId` stays unique without expanding any recurrence.
public struct MeetingRecord: Sendable, Equatable {
    /// The stable key: `uid`, or `uid#recurrenceId` for an overridden occurrence.
    public var id: String
    public var source: SourceName
    public var origin: Origin
    /// The event's UID as written.
    public var uid: String
    /// The RECURRENCE-ID in the same form as `start`, or nil for a series or a single event.
    public var recurrenceId: MeetingTime?
    public var title: String?
    public var description: String?
    public var location: String?
    /// When the event starts: an instant in UTC, or a date for an all-day event.
    public var start: MeetingTime
    /// When the event ends; for an all-day event the first day after it (exclusive).
    public var end: MeetingTime
    /// True when DTSTART is a date without a time.
    public var allDay: Bool
    /// The TZID of DTSTART as written, or nil for UTC, floating and all-day times.
    public var timezone: String?
    /// `confirmed`, `tentative` or `cancelled`, or nil when the event has no STATUS.
    public var status: String?
    public var organizer: Address?
    public var attendees: [MeetingAttendee]
    /// The RRULE text as written, or nil for an event that does not repeat.
    public var rrule: String?
    /// The excluded occurrences, in the same form as `start`.
    public var exdates: [MeetingTime]
    /// What the parser had to guess (a floating time, an unknown zone), so an analyst can find
    /// events whose times may be off.
    public var parseNotes: [String]
    /// Fields added by enrich; nil in parse output.
    public var enrichment: Enrichment?

    /// Creates a record with every list empty and every optional field nil; the key is derived
    /// from `uid` and `recurrenceId`.
    public init(
        uid: String, recurrenceId: MeetingTime?, source: SourceName, origin: Origin,
        start: MeetingTime, end: MeetingTime
    ) {
        self.id = MeetingRecord.key(uid: uid, recurrenceId: recurrenceId)
        self.source = source
        self.origin = origin
        self.uid = uid
        self.recurrenceId = recurrenceId
        self.start = start
        self.end = end
        self.allDay = start.isDate
        self.attendees = []
        self.exdates = []
        self.parseNotes = []
    }

    /// The key of an event: the UID, joined with `#` to the recurrence id when there is one.
    public static func key(uid: String, recurrenceId: MeetingTime?) -> String {
        guard let recurrenceId else { return uid }
        return uid + "#" + recurrenceId.text
    }

    /// The date that places the meeting in a partition: its start (midnight UTC for a date).
    public var partitionDate: Timestamp? {
        start.timestamp
    }
}

/// A meeting time: an instant, or a calendar date for all-day events.
///
/// A date is kept as its midnight UTC so it sorts with instants, and written as `YYYY-MM-DD`
/// so that no reader mistakes it for a time.
public enum MeetingTime: Sendable, Hashable {
    case instant(Timestamp)
    case date(Timestamp)

    /// The instant, or the date's midnight UTC.
    public var timestamp: Timestamp {
        switch self {
        case .instant(let timestamp), .date(let timestamp): timestamp
        }
    }

    /// True for a date without a time.
    public var isDate: Bool {
        if case .date = self { return true }
        return false
    }

    /// ISO 8601 with `Z` for an instant, `YYYY-MM-DD` for a date.
    public var text: String {
        switch self {
        case .instant(let timestamp): timestamp.iso8601
        case .date(let timestamp): timestamp.dayString
        }
    }

    /// Reads the text form back; nil when it is neither a date nor an instant.
    public init?(text: String) {
        guard let (timestamp, dateOnly) = Timestamp.parseISO8601(text) else { return nil }
        self = dateOnly ? .date(timestamp) : .instant(timestamp)
    }
}

/// One ATTENDEE of a meeting.
public struct MeetingAttendee: Sendable, Hashable {
    /// The CN parameter, or nil.
    public var name: String?
    /// The address without `mailto:`, lowercased.
    public var address: String
    /// The PARTSTAT lowercased (`accepted`, `declined`, `tentative`, `needs-action`), or nil.
    public var status: String?

    /// Creates an attendee, lowercasing `address`.
    public init(name: String?, address: String, status: String?) {
        self.name = name
        self.address = address.lowercased()
        self.status = status
    }

    /// The attendee as `{name, address, status}`.
    public var json: JSON {
        .object(JSONObject([
            ("name", JSON(name)), ("address", .string(address)), ("status", JSON(status)),
        ]))
    }

    /// Reads an attendee back; nil when `address` is missing.
    public init?(json: JSON) {
        guard let object = json.objectValue, let address = object.string("address") else {
            return nil
        }
        self.init(name: object.string("name"), address: address, status: object.string("status"))
    }
}

extension MeetingRecord {
    /// The record as one JSON object in the field order of the product contract.
    public var json: JSON {
        var object = JSONObject([
            ("id", .string(id)), ("type", .string("meeting")), ("source", .string(source.rawValue)),
            ("origin", origin.json), ("uid", .string(uid)),
            ("recurrenceId", JSON(recurrenceId?.text)), ("title", JSON(title)),
            ("description", JSON(description)), ("location", JSON(location)),
            ("start", .string(start.text)), ("end", .string(end.text)), ("allDay", .bool(allDay)),
            ("timezone", JSON(timezone)), ("status", JSON(status)),
            ("organizer", organizer?.json ?? .null), ("attendees", .array(attendees.map(\.json))),
            ("rrule", JSON(rrule)), ("exdates", .strings(exdates.map(\.text))),
            ("parseNotes", .strings(parseNotes)),
        ])
        object.add(enrichment)
        return .object(object)
    }

    /// Reads a record back from a parse, enrich or table line.
    ///
    /// - Throws: `RecordError` naming the first field that is missing or of the wrong kind.
    public init(json: JSON) throws(RecordError) {
        let (object, source, origin) = try json.recordEnvelope()
        guard let uid = object.string("uid") else { throw .missingField("uid") }
        guard let start = object.string("start").flatMap(MeetingTime.init(text:)) else {
            throw .badValue("start")
        }
        guard let end = object.string("end").flatMap(MeetingTime.init(text:)) else {
            throw .badValue("end")
        }
        let recurrenceId = object.string("recurrenceId").flatMap(MeetingTime.init(text:))
        self.init(
            uid: uid, recurrenceId: recurrenceId, source: source, origin: origin, start: start,
            end: end)
        if let id = object.string("id") { self.id = id }
        readOptionalFields(object)
    }

    private mutating func readOptionalFields(_ object: JSONObject) {
        title = object.string("title")
        description = object.string("description")
        location = object.string("location")
        allDay = object.bool("allDay") ?? start.isDate
        timezone = object.string("timezone")
        status = object.string("status")
        organizer = Address(json: object["organizer"])
        attendees = object.array("attendees").compactMap(MeetingAttendee.init(json:))
        rrule = object.string("rrule")
        exdates = object.strings("exdates").compactMap(MeetingTime.init(text:))
        parseNotes = object.strings("parseNotes")
        if object["direction"] != nil {
            enrichment = Enrichment(json: object)
        }
    }
}

extension JSON {
    /// The object, source and origin that every record line starts with.
    ///
    /// - Throws: `RecordError` when the line is not an object or either field is unusable.
    func recordEnvelope() throws(RecordError) -> (JSONObject, SourceName, Origin) {
        guard let object = objectValue else { throw .notAnObject }
        guard let source = object.string("source").flatMap(SourceName.init(rawValue:)) else {
            throw .badValue("source")
        }
        guard let origin = Origin(json: object["origin"]) else { throw .missingField("origin") }
        return (object, source, origin)
    }
}

extension JSONObject {
    /// Appends the enrich fields, when there are any, after a record's own fields.
    mutating func add(_ enrichment: Enrichment?) {
        for (key, value) in enrichment?.jsonPairs ?? [] {
            self[key] = value
        }
    }
}
