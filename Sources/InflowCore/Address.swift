/// A mailbox: an optional display name and an address, lowercased.
public struct Address: Sendable, Hashable {
    /// The display name as decoded from the header, or nil when there is none.
    public var name: String?
    /// The address, lowercased so that joins across sources are exact.
    public var address: String

    /// Creates an address, lowercasing `address`.
    public init(name: String?, address: String) {
        self.name = name
        self.address = address.lowercased()
    }

    /// The domain part after the last `@`, or nil when there is none.
    public var domain: String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let domain = address[address.index(after: at)...]
        return domain.isEmpty ? nil : String(domain)
    }

    /// The address as `{name, address}`.
    public var json: JSON {
        .object(JSONObject([("name", JSON(name)), ("address", .string(address))]))
    }

    /// Reads an address from `{name, address}`; nil when `address` is missing.
    public init?(json: JSON?) {
        guard let object = json?.objectValue, let address = object.string("address") else {
            return nil
        }
        self.init(name: object.string("name"), address: address)
    }
}

extension [Address] {
    /// The addresses as a JSON array.
    public var json: JSON {
        .array(map(\.json))
    }

    /// Reads an array of addresses, skipping elements without an address.
    public init(json: [JSON]) {
        self = json.compactMap(Address.init(json:))
    }
}
