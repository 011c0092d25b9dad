import InflowCore

/// Decides which client company a participant, and a whole message, belongs to.
///
/// The first rule that decides wins: a workspace address is internal; an exact contact
/// (compared without `+tag`) beats everything else; free-mail hosts skip the domain rules;
/// the longest listed client domain the host equals or sits below wins; then a shared
/// registrable domain; then the display name. Two clients at the same rule make the result
/// ambiguous rather than a guess.
public struct ClientMatcher: Sendable {
    /// Directory values left out, plus domain entries dropped here for being a public suffix
    /// or a free-mail domain, for the import report.
    public let issues: [DirectoryIssue]

    private let clients: [Client]
    private let publicSuffixes: PublicSuffixList
    private let freeMail: FreeMailDomains
    private let workspaceRegistrable: Set<String>
    private let contactIndex: [String: [Int]]
    private let domainIndex: [String: [Int]]
    private let registrableIndex: [String: [Int]]
    private let names: ClientNameIndex

    /// Builds a matcher.
    ///
    /// - Parameters:
    ///   - directory: The clients.
    ///   - workspaceDomains: The workspace's own domains; any host under their registrable
    ///     domains is internal.
    ///   - publicSuffixes: The Public Suffix List.
    ///   - freeMail: Free-mail domains, which never match by domain.
    public init(
        directory: ClientDirectory, workspaceDomains: [String],
        publicSuffixes: PublicSuffixList, freeMail: FreeMailDomains
    ) {
        self.publicSuffixes = publicSuffixes
        self.freeMail = freeMail
        workspaceRegistrable = Set(workspaceDomains.compactMap { domain in
            DomainName.cleanEntry(domain).flatMap(publicSuffixes.registrableDomain(ofNormalized:))
        })

        let (clients, dropped) = Self.droppingUnusableDomains(
            directory.clients, publicSuffixes, freeMail)
        self.clients = clients
        issues = directory.issues + dropped

        contactIndex = Self.index(clients) { client in
            client.contacts.compactMap { EmailAddress($0)?.contactKey }
        }
        domainIndex = Self.index(clients) { $0.domains }
        registrableIndex = Self.index(clients) { client in
            client.domains.compactMap(publicSuffixes.registrableDomain(ofNormalized:))
        }
        names = ClientNameIndex(names: clients.map { [$0.name] + $0.aliases })
    }

    /// Matches one participant.
    ///
    /// - Parameters:
    ///   - address: The address as written (spaces, capitals, `mailto:` and `<>` allowed), or
    ///     nil or blank when the participant has none.
    ///   - displayName: The display name, used only when the address decides nothing.
    public func match(address: String?, displayName: String?) -> ParticipantMatch {
        let written = address.map(DomainName.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        guard let parsed = written.flatMap({ EmailAddress($0) }) else {
            var result = matchByName(displayName, address: nil, registrable: nil)
            if written != nil, result.reason == UnmatchedReason.none { result.reason = .invalid }
            return result
        }
        let registrable = publicSuffixes.registrableDomain(ofNormalized: parsed.domain)
        var result = ParticipantMatch(
            address: parsed.text, client: nil, registrableDomain: registrable, isWorkspace: false,
            reason: nil)

        if let registrable, workspaceRegistrable.contains(registrable) {
            result.isWorkspace = true
            result.reason = .workspace
            return result
        }
        if let decided = decide(contactIndex[parsed.contactKey], by: .contact, into: result) {
            return decided
        }
        if !isFreeMail(parsed.domain, registrable: registrable),
            let decided = matchByDomain(parsed.domain, registrable: registrable, into: result)
        {
            return decided
        }
        return matchByName(displayName, address: parsed.text, registrable: registrable)
    }

    /// Matches a participant.
    public func match(_ participant: Participant) -> ParticipantMatch {
        match(address: participant.address, displayName: participant.displayName)
    }

    /// Matches a message, meeting or conversation and sets its direction.
    ///
    /// The sender on a workspace domain makes it `outbound` when any recipient is external,
    /// else `internal`; any other sender makes it `inbound`. The external participants (for
    /// inbound: sender, to, cc; for outbound: to, cc) are matched; the strongest evidence wins
    /// (contact, domain, registrable domain, name), and the first in that order among equals.
    /// A participant counts as external when it is not the workspace's and either its address
    /// parses or its display name matched a client (an attendee known by name only).
    ///
    /// - Parameters:
    ///   - from: The sender, a meeting's organizer, or a chat's first author.
    ///   - to: Recipients, attendees, or the chat's other participants.
    ///   - cc: Copied recipients.
    public func matchMessage(
        from: Participant?, to: [Participant], cc: [Participant] = []
    ) -> MessageMatch {
        let sender = from.map(match)
        let external = (to + cc).map(match).filter(Self.isExternal)

        let direction: Direction
        let candidates: [ParticipantMatch]
        if sender?.isWorkspace == true {
            direction = external.isEmpty ? .internal : .outbound
            candidates = external
        } else {
            direction = .inbound
            candidates = (sender.map { [$0] } ?? []) + external
        }

        let matched = candidates.compactMap(\.client)
        let strongest = matched.enumerated().min { lhs, rhs in
            (strength(lhs.element), lhs.offset) < (strength(rhs.element), rhs.offset)
        }
        return MessageMatch(
            direction: direction, client: strongest?.element,
            clientIds: Array(Set(matched.map(\.id))).sorted())
    }

    /// Whether a matched participant is someone outside the workspace.
    private static func isExternal(_ match: ParticipantMatch) -> Bool {
        !match.isWorkspace && (match.address != nil || match.client != nil)
    }

    /// The domain rules: the longest listed domain the host equals or sits below, then the
    /// registrable domain. Nil when neither decides.
    private func matchByDomain(
        _ host: String, registrable: String?, into result: ParticipantMatch
    ) -> ParticipantMatch? {
        var suffix = Substring(host)
        while true {
            if let decided = decide(domainIndex[String(suffix)], by: .domain, into: result) {
                return decided
            }
            guard let dot = suffix.firstIndex(of: ".") else { break }
            suffix = suffix[suffix.index(after: dot)...]
        }
        guard let registrable else { return nil }
        return decide(registrableIndex[registrable], by: .registrableDomain, into: result)
    }

    /// The last rule: the display name, or no client with reason `none`.
    private func matchByName(
        _ displayName: String?, address: String?, registrable: String?
    ) -> ParticipantMatch {
        var result = ParticipantMatch(
            address: address, client: nil, registrableDomain: registrable, isWorkspace: false,
            reason: UnmatchedReason.none)
        switch displayName.map(names.search) ?? .none {
        case .match(let client, let score):
            result.client = clientMatch(client, by: .name, similarity: score)
            result.reason = nil
        case .ambiguous:
            result.reason = .ambiguous
        case .none:
            break
        }
        return result
    }

    /// The decided result for the clients one rule found: nil when it found none, the client
    /// when one, ambiguous when several.
    private func decide(
        _ found: [Int]?, by evidence: MatchEvidence, into result: ParticipantMatch
    ) -> ParticipantMatch? {
        guard let found, let first = found.first else { return nil }
        var decided = result
        if found.count == 1 {
            decided.client = clientMatch(first, by: evidence, similarity: 1)
        } else {
            decided.reason = .ambiguous
        }
        return decided
    }

    /// Whether the host or its registrable domain is a free-mail domain.
    private func isFreeMail(_ host: String, registrable: String?) -> Bool {
        freeMail.containsNormalized(host) || registrable.map(freeMail.containsNormalized) == true
    }

    /// The public match record for a client.
    private func clientMatch(
        _ client: Int, by evidence: MatchEvidence, similarity: Double
    ) -> ClientMatch {
        ClientMatch(
            id: clients[client].id, name: clients[client].name, matchedBy: evidence.rawValue,
            confidence: evidence.confidence(similarity: similarity))
    }

    /// The strength rank of a match's evidence.
    private func strength(_ match: ClientMatch) -> Int {
        MatchEvidence(rawValue: match.matchedBy)?.strength ?? MatchEvidence.allCases.count
    }

    /// The clients without domain entries that are public suffixes or free-mail domains, and
    /// an issue for each entry dropped.
    private static func droppingUnusableDomains(
        _ clients: [Client], _ publicSuffixes: PublicSuffixList, _ freeMail: FreeMailDomains
    ) -> ([Client], [DirectoryIssue]) {
        var clients = clients
        var dropped: [DirectoryIssue] = []
        for position in clients.indices {
            let id = clients[position].id
            clients[position].domains.removeAll { domain in
                let reason = dropReason(domain, publicSuffixes, freeMail)
                guard let reason else { return false }
                dropped.append(DirectoryIssue(clientId: id, value: domain, reason: reason))
                return true
            }
        }
        return (clients, dropped)
    }

    /// Why a cleaned domain entry must not be used, or nil when it may.
    private static func dropReason(
        _ domain: String, _ publicSuffixes: PublicSuffixList, _ freeMail: FreeMailDomains
    ) -> DirectoryIssue.Reason? {
        if publicSuffixes.isPublicSuffix(domain) { return .publicSuffix }
        if freeMail.containsNormalized(domain) { return .freeMail }
        return nil
    }

    /// Client indexes by each key `keys` gives for a client, each client once per key.
    private static func index(
        _ clients: [Client], keys: (Client) -> [String]
    ) -> [String: [Int]] {
        var index: [String: [Int]] = [:]
        for (position, client) in clients.enumerated() {
            for key in Set(keys(client)) {
                index[key, default: []].append(position)
            }
        }
        return index
    }
}
