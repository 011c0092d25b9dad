/// What enrich adds to a record: direction, sentiment, client, responses and opens.
///
/// Fields whose step has not run or does not apply stay nil and are written as null, never
/// guessed.
public struct Enrichment: Sendable, Equatable {
    /// `inbound`, `outbound` or `internal` (SPEC section 4).
    public var direction: Direction
    public var sentiment: Sentiment?
    public var client: ClientMatch?
    public var clientIds: [String]
    /// For inbound email: whether a later outbound email in the same thread exists.
    public var responded: Bool?
    /// Seconds from this email to the first reply, when responded.
    public var responseSeconds: Int64?
    /// Whether the email was opened, where the source tracks opens; nil elsewhere.
    public var opened: Bool?

    /// Creates an enrichment with only the direction known.
    public init(direction: Direction) {
        self.direction = direction
        self.clientIds = []
    }

    /// The fields in record order.
    public var jsonPairs: [(String, JSON)] {
        [
            ("direction", .string(direction.rawValue)), ("sentiment", sentiment?.json ?? .null),
            ("client", client?.json ?? .null), ("clientIds", .strings(clientIds)),
            ("responded", JSON(responded)), ("responseSeconds", JSON(responseSeconds)),
            ("opened", JSON(opened)),
        ]
    }

    /// Reads the enrich fields from a record object; nil when `direction` is absent.
    public init?(json object: JSONObject) {
        guard let direction = object.string("direction").flatMap(Direction.init(rawValue:)) else {
            return nil
        }
        self.init(direction: direction)
        sentiment = object.object("sentiment").flatMap(Sentiment.init(json:))
        client = object.object("client").flatMap(ClientMatch.init(json:))
        clientIds = object.strings("clientIds")
        responded = object.bool("responded")
        responseSeconds = object["responseSeconds"]?.intValue
        opened = object.bool("opened")
    }
}

/// Which way an email went relative to the workspace's own domains.
public enum Direction: String, Sendable, Equatable {
    case inbound
    case outbound
    case `internal`
}

/// A VADER-style sentiment score; `score` is `(compound + 1) / 2`, what reports average.
public struct Sentiment: Sendable, Equatable {
    public var compound: Double
    public var pos: Double
    public var neu: Double
    public var neg: Double

    /// Creates a score from its four VADER values.
    public init(compound: Double, pos: Double, neu: Double, neg: Double) {
        self.compound = compound
        self.pos = pos
        self.neu = neu
        self.neg = neg
    }

    /// The compound mapped onto 0...1, rounded to five places (the compound has four), so
    /// that no binary rounding noise shows in the files.
    public var score: Double {
        ((compound + 1) / 2 * 100_000).rounded() / 100_000
    }

    /// `{compound, pos, neu, neg, score}`.
    public var json: JSON {
        .object(JSONObject([
            ("compound", .double(compound)), ("pos", .double(pos)), ("neu", .double(neu)),
            ("neg", .double(neg)), ("score", .double(score)),
        ]))
    }

    /// Reads a score back; nil when a value is missing.
    public init?(json: JSONObject) {
        guard let compound = json.double("compound"), let pos = json.double("pos"),
            let neu = json.double("neu"), let neg = json.double("neg")
        else { return nil }
        self.init(compound: compound, pos: pos, neu: neu, neg: neg)
    }
}

/// The client an item was matched to, how, and how sure the match is.
public struct ClientMatch: Sendable, Equatable {
    public var id: String
    public var name: String
    /// `contact`, `domain`, `registrable-domain` or `name`.
    public var matchedBy: String
    /// 1.0 for contact, 0.95 for domain, 0.85 for registrable domain, 0.5–0.8 for a name.
    public var confidence: Double

    /// Creates a match.
    public init(id: String, name: String, matchedBy: String, confidence: Double) {
        self.id = id
        self.name = name
        self.matchedBy = matchedBy
        self.confidence = confidence
    }

    /// `{id, name, matchedBy, confidence}`.
    public var json: JSON {
        .object(JSONObject([
            ("id", .string(id)), ("name", .string(name)), ("matchedBy", .string(matchedBy)),
            ("confidence", .double(confidence)),
        ]))
    }

    /// Reads a match back; nil when a field is missing.
    public init?(json: JSONObject) {
        guard let id = json.string("id"), let name = json.string("name"),
            let matchedBy = json.string("matchedBy"), let confidence = json.double("confidence")
        else { return nil }
        self.init(id: id, name: name, matchedBy: matchedBy, confidence: confidence)
    }
}
