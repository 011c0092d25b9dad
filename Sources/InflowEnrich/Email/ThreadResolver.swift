public import InflowCore

/// Where earlier messages' threads are looked up: the catalog's thread index, plus what this
/// job has seen so far.
public protocol ThreadLookup {
    /// The thread of a message seen before, by normalised Message-ID.
    func threadId(ofMessage messageId: String) throws -> String?
}

/// Assigns each email a thread id.
///
/// The Gmail thread id wins where present. Otherwise the thread of the first referenced message
/// that is already known, else the oldest reference (the thread's root), else the message's own
/// id, so a reply links to its thread whichever job loaded the earlier messages.
public enum ThreadResolver {
    /// The thread id for `email`.
    public static func threadId(for email: EmailRecord, lookup: some ThreadLookup) throws -> String {
        if let gmail = email.threadId, !gmail.isEmpty { return gmail }
        var parents = email.references
        if let inReplyTo = email.inReplyTo, !parents.contains(inReplyTo) { parents.append(inReplyTo) }
        for parent in parents.reversed() {
            if let known = try lookup.threadId(ofMessage: parent) { return known }
        }
        if let root = parents.first { return root }
        return email.messageId ?? email.id
    }
}
