/// One person from an address book as parse makes it: the `contact` fields of the product
/// contract.
///
/// A contact has no date of its own in the sources read so far, so its partition is decided by
/// when its key was first seen, which the catalog keeps.
public struct ContactRecord: Sendable, Equatable {
    /// The stable key: the source's id (a vCard UID), else `vcard:` and a SHA-256 of the name
    /// and first email.
    public var id: String
    public var source: SourceName
    public var origin: Origin
    public var name: ContactName
    public var emails: [ContactEmail]
    public var phones: [ContactPhone]
    /// The organization's name (the first ORG component).
    public var organization: String?
    public var title: String?
    public var note: String?
    public var categories: [String]
    /// What the parser had to guess or repair (an unknown charset), so an analyst can find
    /// cards whose text may be imperfect.
    public var parseNotes: [String]

    /// Creates a record with an empty name and every list empty.
    public init(id: String, source: SourceName, origin: Origin) {
        self.id = id
        self.source = source
        self.origin = origin
        self.name = ContactName(full: nil, family: nil, given: nil)
        self.emails = []
        self.phones = []
        self.categories = []
        self.parseNotes = []
    }

    /// A contact has no date of its own: it is partitioned by when it was first seen.
    public var partitionDate: Timestamp? {
        nil
    }
}

/// A contact's name: the formatted full name and the family and given parts.
public struct ContactName: Sendable, Hashable {
    public var full: String?
    public var family: String?
    public var given: String?

    /// Creates a name.
    public init(full: String?, family: String?, given: String?) {
        self.full = full
        self.family = family
        self.given = given
    }

    /// The name as `{full, family, given}`.
    public var json: JSON {
        .object(JSONObject([
            ("full", JSON(full)), ("family", JSON(family)), ("given", JSON(given)),
        ]))
    }

    /// Reads a name back; every part may be missing.
    public init(json: JSONObject?) {
        self.init(
            full: json?.string("full"), family: json?.string("family"), given: json?.string("given"))
    }
}

/// An email address of a contact with its type (`home`, `work`, a custom label), if any.
public struct ContactEmail: Sendable, Hashable {
    /// The address, lowercased so that joins with email records are exact.
    public var address: String
    public var type: String?

    /// Creates an email entry, lowercasing `address`.
    public init(address: String, type: String?) {
        self.address = address.lowercased()
        self.type = type
    }

    /// The entry as `{address, type}`.
    public var json: JSON {
        .object(JSONObject([("address", .string(address)), ("type", JSON(type))]))
    }

    /// Reads an entry back; nil when `address` is missing.
    public init?(json: JSON) {
        guard let object = json.objectValue, let address = object.string("address") else {
            return nil
        }
        self.init(address: address, type: object.string("type"))
    }
}

/// A phone number of a contact as written, with its type (`cell`, `work`, `home,fax`), if any.
public struct ContactPhone: Sendable, Hashable {
    public var number: String
    public var type: String?

    /// Creates a phone entry.
    public init(number: String, type: String?) {
        self.number = number
        self.type = type
    }

    /// The entry as `{number, type}`.
    public var json: JSON {
        .object(JSONObject([("number", .string(number)), ("type", JSON(type))]))
    }

    /// Reads an entry back; nil when `number` is missing.
    public init?(json: JSON) {
        guard let object = json.objectValue, let number = object.string("number") else {
            return nil
        }
        self.init(number: number, type: object.string("type"))
    }
}

extension ContactRecord {
    /// The record as one JSON object in the field order of the product contract.
    public var json: JSON {
        .object(JSONObject([
            ("id", .string(id)), ("type", .string("contact")), ("source", .string(source.rawValue)),
            ("origin", origin.json), ("name", name.json), ("emails", .array(emails.map(\.json))),
            ("phones", .array(phones.map(\.json))), ("organization", JSON(organization)),
            ("title", JSON(title)), ("note", JSON(note)), ("categories", .strings(categories)),
            ("parseNotes", .strings(parseNotes)),
        ]))
    }

    /// Reads a record back from a parse or table line.
    ///
    /// - Throws: `RecordError` naming the first field that is missing or of the wrong kind.
    public init(json: JSON) throws(RecordError) {
        let (object, source, origin) = try json.recordEnvelope()
        guard let id = object.string("id") else { throw .missingField("id") }
        self.init(id: id, source: source, origin: origin)
        name = ContactName(json: object.object("name"))
        emails = object.array("emails").compactMap(ContactEmail.init(json:))
        phones = object.array("phones").compactMap(ContactPhone.init(json:))
        organization = object.string("organization")
        title = object.string("title")
        note = object.string("note")
        categories = object.strings("categories")
        parseNotes = object.strings("parseNotes")
    }
}
