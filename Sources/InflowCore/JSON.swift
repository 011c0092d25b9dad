/// A JSON value with object keys kept in insertion order.
///
/// Inflow writes every stage file and report through this type so that the same record always
/// serialises to the same bytes: key order is the order a record type declares its fields in,
/// numbers print in their shortest round-tripping form, and nothing depends on hashing order.
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSON])
    case object(JSONObject)
}

/// An ordered JSON object: a list of key-value pairs with unique keys.
public struct JSONObject: Sendable, Equatable {
    /// The pairs in the order they will be written.
    public private(set) var pairs: [(key: String, value: JSON)]

    /// Creates an empty object.
    public init() {
        pairs = []
    }

    /// Creates an object from pairs, keeping their order; a later duplicate replaces the earlier.
    public init(_ pairs: [(String, JSON)]) {
        self.pairs = []
        self.pairs.reserveCapacity(pairs.count)
        for (key, value) in pairs {
            self[key] = value
        }
    }

    /// The value stored under `key`, or nil when the key is absent.
    ///
    /// Setting a value keeps an existing key in place and appends a new one; setting nil removes
    /// the key.
    public subscript(key: String) -> JSON? {
        get {
            pairs.first { $0.key == key }?.value
        }
        set {
            let index = pairs.firstIndex { $0.key == key }
            switch (index, newValue) {
            case let (index?, value?): pairs[index].value = value
            case let (index?, nil): pairs.remove(at: index)
            case let (nil, value?): pairs.append((key, value))
            case (nil, nil): break
            }
        }
    }

    /// The object's keys in order.
    public var keys: [String] {
        pairs.map(\.key)
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.pairs.count == rhs.pairs.count
            && zip(lhs.pairs, rhs.pairs).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

extension JSON {
    /// The string payload, or nil for any other case.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer payload (a double with no fraction counts), or nil for any other case.
    public var intValue: Int64? {
        switch self {
        case .int(let value): return value
        case .double(let value) where value.rounded() == value && abs(value) < 9e15:
            return Int64(value)
        default: return nil
        }
    }

    /// The numeric payload as a double, or nil for a non-number.
    public var doubleValue: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }

    /// The boolean payload, or nil for any other case.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The array payload, or nil for any other case.
    public var arrayValue: [JSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The object payload, or nil for any other case.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// True for `.null`.
    public var isNull: Bool {
        self == .null
    }

    /// A string value, or `.null` when `value` is nil.
    public init(_ value: String?) {
        self = value.map(JSON.string) ?? .null
    }

    /// An integer value, or `.null` when `value` is nil.
    public init(_ value: Int?) {
        self = value.map { JSON.int(Int64($0)) } ?? .null
    }

    /// A 64-bit integer value, or `.null` when `value` is nil.
    public init(_ value: Int64?) {
        self = value.map(JSON.int) ?? .null
    }

    /// A double value, or `.null` when `value` is nil.
    public init(_ value: Double?) {
        self = value.map(JSON.double) ?? .null
    }

    /// A boolean value, or `.null` when `value` is nil.
    public init(_ value: Bool?) {
        self = value.map(JSON.bool) ?? .null
    }

    /// An array of strings.
    public static func strings(_ values: [String]) -> JSON {
        .array(values.map(JSON.string))
    }
}
