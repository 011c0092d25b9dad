public import InflowCore

/// How a participant was tied to a client, from the strongest evidence to the weakest.
public enum MatchEvidence: String, Sendable, CaseIterable {
    /// The address is one of the client's contacts.
    case contact
    /// The host is one of the client's domains or below it.
    case domain
    /// The host shares its registrable domain with one of the client's domains.
    case registrableDomain = "registrable-domain"
    /// The display name names the client.
    case name

    /// The confidence of a match by this evidence, given the name similarity for `name`.
    ///
    /// A name similarity runs from the 0.94 threshold to 1.0 and is scaled linearly into
    /// 0.5...0.8, so an exact name gives 0.8 and a barely accepted one 0.5.
    func confidence(similarity: Double) -> Double {
        switch self {
        case .contact: 1.0
        case .domain: 0.95
        case .registrableDomain: 0.85
        case .name:
            0.5 + 0.3 * min(1, max(0, (similarity - ClientNameIndex.threshold)
                / (1 - ClientNameIndex.threshold)))
        }
    }

    /// The rank of the evidence; lower is stronger.
    var strength: Int {
        Self.allCases.firstIndex(of: self) ?? Self.allCases.count
    }
}

/// Why a participant has no client.
public enum UnmatchedReason: String, Sendable {
    /// The participant is on one of the workspace's own domains.
    case workspace
    /// Several clients fit equally well, so none is chosen.
    case ambiguous
    /// The address could not be parsed, and the display name named no client.
    case invalid
    /// Nothing tied the participant to a client.
    case none
}

/// One participant of a message, meeting or conversation, as it reaches matching.
public struct Participant: Sendable, Equatable {
    /// The address as written, or nil when the participant has none (a meeting attendee
    /// known by name only).
    public var address: String?
    /// The display name, or nil.
    public var displayName: String?

    /// Creates a participant.
    public init(address: String?, displayName: String? = nil) {
        self.address = address
        self.displayName = displayName
    }

    /// A participant from a parsed mailbox.
    public init(_ address: Address) {
        self.init(address: address.address, displayName: address.name)
    }
}

/// The result of matching one participant.
public struct ParticipantMatch: Sendable, Equatable {
    /// The address in comparison form, or nil when it was missing or could not be parsed.
    public var address: String?
    /// The client, or nil with a ``reason``.
    public var client: ClientMatch?
    /// The registrable domain (eTLD+1) of the address's host, in ASCII form.
    public var registrableDomain: String?
    /// Whether the address is on one of the workspace's own domains.
    public var isWorkspace: Bool
    /// Why there is no client; nil when there is one.
    public var reason: UnmatchedReason?

    /// The client's `matchedBy`, or the reason's name when unmatched.
    public var matchedBy: String {
        client?.matchedBy ?? reason?.rawValue ?? UnmatchedReason.none.rawValue
    }

    /// `{address, registrableDomain, isWorkspace, client, matchedBy, confidence}`, what the
    /// `match` command prints; `confidence` is null when there is no client.
    public var json: JSON {
        .object(JSONObject([
            ("address", JSON(address)), ("registrableDomain", JSON(registrableDomain)),
            ("isWorkspace", .bool(isWorkspace)), ("client", client?.json ?? .null),
            ("matchedBy", .string(matchedBy)), ("confidence", JSON(client?.confidence)),
        ]))
    }
}

/// The result of matching a whole message, meeting or conversation.
public struct MessageMatch: Sendable, Equatable {
    /// Which way the item went relative to the workspace.
    public var direction: Direction
    /// The client the strongest evidence points to, or nil.
    public var client: ClientMatch?
    /// Every client any participant was matched to, sorted and distinct.
    public var clientIds: [String]
}
