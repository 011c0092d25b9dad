public import InflowCore

/// Decides whether an email is inbound, outbound or internal from the workspace's own domains.
public struct DirectionClassifier: Sendable {
    /// The workspace's own domains, lowercased.
    public let ownDomains: [String]

    /// Creates a classifier for a workspace's domains.
    public init(ownDomains: [String]) {
        self.ownDomains = ownDomains.map { $0.lowercased() }
    }

    /// True when `address` is on one of the own domains or a subdomain of one.
    public func isOwn(_ address: String) -> Bool {
        guard let at = address.lastIndex(of: "@") else { return false }
        let domain = address[address.index(after: at)...].lowercased()
        return ownDomains.contains { domain == $0 || domain.hasSuffix("." + $0) }
    }

    /// `internal` when the sender and every recipient are own, `outbound` when the sender is
    /// own, `inbound` otherwise (a message without a sender counts as inbound).
    public func classify(_ email: EmailRecord) -> Direction {
        guard let sender = email.from?.address, isOwn(sender) else { return .inbound }
        let recipients = email.to + email.cc + email.bcc
        return recipients.allSatisfy { isOwn($0.address) } ? .internal : .outbound
    }
}
