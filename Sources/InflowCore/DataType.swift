/// The kinds of record Inflow loads, each into a table of its own.
public enum DataType: String, Sendable, CaseIterable, Hashable, Comparable {
    case emails
    case meetings
    case contacts
    case companies
    case deals
    case conversations

    /// The record `type` field for this data type (`email` for `emails`).
    public var recordType: String {
        String(rawValue.dropLast())
    }

    public static func < (lhs: DataType, rhs: DataType) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// The integration sources Inflow syncs from.
public enum SourceName: String, Sendable, CaseIterable, Hashable, Comparable {
    case google
    case hubspot
    case intercom

    /// The data types this source can hold.
    public var dataTypes: [DataType] {
        switch self {
        case .google: [.emails, .meetings, .contacts]
        case .hubspot: [.contacts, .companies, .deals, .emails, .meetings]
        case .intercom: [.conversations, .contacts, .companies]
        }
    }

    public static func < (lhs: SourceName, rhs: SourceName) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
