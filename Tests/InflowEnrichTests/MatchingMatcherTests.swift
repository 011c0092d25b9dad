import InflowCore
import Testing

@testable import InflowEnrich

@Suite struct MatchingMatcherTests {
    private let matcher = MatchingFixtures.matcher([
        (id: "acme", name: "Acme Widgets Ltd", aliases: ["Acme"],
         domains: ["acme.co.uk", "https://www.acme-widgets.example/", "co.uk", "gmail.com"],
         contacts: ["pat.owens@gmail.com", "jo@northpeak.example"]),
        (id: "acme-eu", name: "Acme Widgets Europe GmbH", aliases: [],
         domains: ["eu.acme.co.uk"], contacts: []),
        (id: "initech", name: "Initech LLC", aliases: [], domains: ["shop.initech.example"],
         contacts: ["consultant@acme.co.uk", "shared@clinic.example"]),
        (id: "lakeside", name: "Lakeside Dental", aliases: ["Smile Care"],
         domains: ["sharedhost.example", "lakeside.github.io"],
         contacts: ["shared@clinic.example"]),
        (id: "riverside", name: "Riverside Physio", aliases: ["Smile Care"],
         domains: ["sharedhost.example", "riverside.github.io"], contacts: []),
        (id: "wingtip", name: "Wingtip Toys", aliases: ["WT"], domains: [], contacts: []),
    ])

    @Test func contactWinsWithFullConfidence() {
        let result = matcher.match(address: "Consultant+Invoices@ACME.co.uk", displayName: nil)
        #expect(result.client == ClientMatch(
            id: "initech", name: "Initech LLC", matchedBy: "contact", confidence: 1.0))
        #expect(result.address == "consultant+invoices@acme.co.uk")
        #expect(result.registrableDomain == "acme.co.uk")
        #expect(result.reason == nil)
    }

    @Test func longestDomainEntryWins() {
        let deep = matcher.match(address: "jo@mail.eu.acme.co.uk", displayName: nil)
        #expect(deep.client == ClientMatch(
            id: "acme-eu", name: "Acme Widgets Europe GmbH", matchedBy: "domain",
            confidence: 0.95))
        let sibling = matcher.match(address: "jo@uk.acme.co.uk", displayName: nil)
        #expect(sibling.client?.id == "acme")
        #expect(matcher.match(address: "jo@xacme.co.uk", displayName: nil).client == nil)
    }

    @Test func registrableDomainIsTheFallback() {
        let result = matcher.match(address: "ceo@initech.example", displayName: "Initech CEO")
        #expect(result.client == ClientMatch(
            id: "initech", name: "Initech LLC", matchedBy: "registrable-domain",
            confidence: 0.85))
    }

    @Test func exactNameScoresTheTopOfTheNameRange() {
        let result = matcher.match(address: "w@unknown.example", displayName: "Wingtip Toys Inc")
        #expect(result.client == ClientMatch(
            id: "wingtip", name: "Wingtip Toys", matchedBy: "name", confidence: 0.8))
    }

    @Test func nearNameScalesIntoTheNameRange() throws {
        let result = matcher.match(address: "w@gmail.com", displayName: "Wingtip Toy")
        let confidence = try #require(result.client?.confidence)
        // Jaro–Winkler 0.98333 scaled from 0.94...1 into 0.5...0.8.
        #expect(abs(confidence - (0.5 + 0.3 * (0.98333333333333 - 0.94) / 0.06)) < 1e-9)
    }

    @Test func shortAliasesAreNeverMatched() {
        #expect(matcher.match(address: nil, displayName: "WT").reason == UnmatchedReason.none)
    }

    @Test func freeMailNeverMatchesByDomain() {
        let result = matcher.match(address: "someone@gmail.com", displayName: "Some One")
        #expect(result.client == nil)
        #expect(result.reason == UnmatchedReason.none)
        #expect(result.registrableDomain == "gmail.com")
        let sub = matcher.match(address: "someone@mail.yahoo.co.uk", displayName: nil)
        #expect(sub.reason == UnmatchedReason.none)
    }

    @Test func freeMailOverrideTurnsOffDomainMatching() throws {
        let clients = [(id: "hey", name: "Hey Example", aliases: [String](),
                        domains: ["hey.example"], contacts: [String]())]
        let plain = MatchingFixtures.matcher(clients, freeMail: FreeMailDomains([]))
        #expect(plain.match(address: "a@hey.example", displayName: nil).client?.id == "hey")
        let overrides = try MatchingTemporaryFile(contents: "+hey.example\n")
        var freeMail = FreeMailDomains([])
        try freeMail.applyOverrides(path: overrides.path)
        let overridden = MatchingFixtures.matcher(clients, freeMail: freeMail)
        #expect(overridden.match(address: "a@hey.example", displayName: nil).client == nil)
        #expect(overridden.issues == [
            DirectoryIssue(clientId: "hey", value: "hey.example", reason: .freeMail),
        ])
    }

    @Test func droppedEntriesAreReported() {
        #expect(matcher.issues == [
            DirectoryIssue(clientId: "acme", value: "co.uk", reason: .publicSuffix),
            DirectoryIssue(clientId: "acme", value: "gmail.com", reason: .freeMail),
        ])
        #expect(matcher.match(address: "x@other.co.uk", displayName: nil).client == nil)
    }

    @Test func workspaceBeatsContacts() {
        let result = matcher.match(address: "jo@mail.northpeak.example", displayName: "Acme")
        #expect(result.reason == .workspace)
        #expect(result.isWorkspace)
        #expect(result.matchedBy == "workspace")
        #expect(matcher.match(address: "jo@northpeak.example", displayName: nil).client == nil)
    }

    @Test(arguments: [
        (String?("reception@sharedhost.example"), String?.none),
        ("shared@clinic.example", nil),
        (nil, "Kim (Smile Care)"),
    ] as [(String?, String?)])
    func twoClientsAtOneRuleAreAmbiguous(address: String?, displayName: String?) {
        let result = matcher.match(address: address, displayName: displayName)
        #expect(result.client == nil)
        #expect(result.reason == .ambiguous)
    }

    @Test func privateSuffixSitesAreSeparateRegistrableDomains() {
        let result = matcher.match(address: "x@mail.riverside.github.io", displayName: nil)
        #expect(result.client?.id == "riverside")
        #expect(result.registrableDomain == "riverside.github.io")
        #expect(matcher.match(address: "x@other.github.io", displayName: nil).client == nil)
    }

    @Test func ambiguousDomainStopsBeforeTheName() {
        let result = matcher.match(
            address: "front@sharedhost.example", displayName: "Lakeside Dental")
        #expect(result.reason == .ambiguous)
    }

    @Test func unparsableAddressIsInvalidUnlessTheNameMatches() {
        let invalid = matcher.match(address: "undisclosed-recipients:;", displayName: nil)
        #expect(invalid.reason == .invalid)
        #expect(invalid.registrableDomain == nil)
        #expect(invalid.address == nil)
        let named = matcher.match(address: "acme-at-localhost", displayName: "Acme")
        #expect(named.client?.matchedBy == "name")
    }

    @Test func missingAddressWithoutNameIsNone() {
        let result = matcher.match(address: nil, displayName: "Jane Doe")
        #expect(result.reason == UnmatchedReason.none)
        #expect(result.matchedBy == "none")
    }

    @Test func blankAddressCountsAsMissing() {
        #expect(matcher.match(address: "  ", displayName: nil).reason == UnmatchedReason.none)
        #expect(matcher.match(address: "  ", displayName: "Acme").client?.id == "acme")
    }

    @Test func resultAsJSON() {
        let matched = matcher.match(address: "jo@acme.co.uk", displayName: nil)
        #expect(matched.json == .object(JSONObject([
            ("address", .string("jo@acme.co.uk")), ("registrableDomain", .string("acme.co.uk")),
            ("isWorkspace", .bool(false)),
            ("client", .object(JSONObject([
                ("id", .string("acme")), ("name", .string("Acme Widgets Ltd")),
                ("matchedBy", .string("domain")), ("confidence", .double(0.95)),
            ]))),
            ("matchedBy", .string("domain")), ("confidence", .double(0.95)),
        ])))
        let unmatched = matcher.match(address: "x@co.uk", displayName: nil)
        #expect(unmatched.json == .object(JSONObject([
            ("address", .string("x@co.uk")), ("registrableDomain", .null),
            ("isWorkspace", .bool(false)), ("client", .null), ("matchedBy", .string("none")),
            ("confidence", .null),
        ])))
    }

    @Test func addressAsDisplayNameIsIgnored() {
        let result = matcher.match(address: "x@gmail.com", displayName: "sales@acme.co.uk")
        #expect(result.reason == UnmatchedReason.none)
    }
}

@Suite struct MatchingMessageTests {
    private let matcher = MatchingFixtures.matcher([
        (id: "acme", name: "Acme Widgets", aliases: [], domains: ["acme.example"],
         contacts: ["pat@gmail.com"]),
        (id: "globex", name: "Globex Corporation", aliases: [], domains: ["globex.example"],
         contacts: []),
    ])

    private func person(_ address: String?, _ name: String? = nil) -> Participant {
        Participant(address: address, displayName: name)
    }

    @Test func externalSenderIsInboundAndFirstAmongEqualsWins() {
        let result = matcher.matchMessage(
            from: person("jo@globex.example"),
            to: [person("ana@northpeak.example"), person("kim@acme.example")])
        #expect(result.direction == .inbound)
        #expect(result.client?.id == "globex")
        #expect(result.clientIds == ["acme", "globex"])
    }

    @Test func strongerEvidenceBeatsOrder() {
        let result = matcher.matchMessage(
            from: person("ana@northpeak.example"),
            to: [person("kim@globex.example")], cc: [person("pat@gmail.com")])
        #expect(result.direction == .outbound)
        #expect(result.client?.id == "acme")
        #expect(result.client?.matchedBy == "contact")
        #expect(result.clientIds == ["acme", "globex"])
    }

    @Test func workspaceOnlyMessageIsInternalWithoutClient() {
        let result = matcher.matchMessage(
            from: person("ana@northpeak.example", "Acme Widgets"),
            to: [person("bo@mail.northpeak.example")], cc: [person("undisclosed-recipients:;")])
        #expect(result == MessageMatch(direction: .internal, client: nil, clientIds: []))
    }

    @Test func nameOnlyAttendeeCountsAsExternal() {
        let result = matcher.matchMessage(
            from: person("ana@northpeak.example"),
            to: [person("bo@northpeak.example"), person(nil, "Globex Corporation")])
        #expect(result.direction == .outbound)
        #expect(result.client?.id == "globex")
        #expect(result.client?.matchedBy == "name")
    }

    @Test func missingSenderIsInbound() {
        let result = matcher.matchMessage(from: nil, to: [person("ana@northpeak.example")])
        #expect(result == MessageMatch(direction: .inbound, client: nil, clientIds: []))
    }

    @Test func participantFromAParsedMailbox() {
        let participant = Participant(Address(name: "Kim", address: "Kim@Acme.Example"))
        #expect(matcher.match(participant).client?.id == "acme")
    }
}
