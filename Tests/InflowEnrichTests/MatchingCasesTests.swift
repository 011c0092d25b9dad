import InflowCore
import Testing

@testable import InflowEnrich

/// One line of the shared client-matching case file.
struct MatchingCase: Sendable, CustomTestStringConvertible {
    let object: JSONObject

    var id: String {
        object.string("id") ?? "?"
    }

    var testDescription: String {
        id + ": " + (object.string("description") ?? "")
    }
}

/// Runs every case of the shared reference file `client-matching-cases.jsonl` through the
/// matcher, with Debian's suffix list and the fetched free-mail list.
@Suite(
    .enabled(
        if: MatchingFixtures.exists(MatchingFixtures.casesPath),
        "the shared reference folder is absent, so the client-matching cases are skipped"))
struct MatchingCasesTests {
    static let cases: [MatchingCase] = {
        guard let bytes = try? MatchingDataFile.read(MatchingFixtures.casesPath, remedy: "") else {
            return []
        }
        return MatchingDataFile.lines(bytes).compactMap { line in
            guard !line.isEmpty, let object = try? JSON.parse(String(line)).objectValue else {
                return nil
            }
            return MatchingCase(object: object)
        }
    }()

    @Test func caseFileHoldsFortyCases() {
        #expect(Self.cases.count == 40)
        #expect(Self.cases.filter { $0.object.string("kind") == "message" }.count == 2)
    }

    @Test(arguments: cases)
    func referenceCase(_ testCase: MatchingCase) throws {
        let matcher = try makeMatcher(testCase.object)
        let expected = try #require(testCase.object.object("expected"))
        if let message = testCase.object.object("message") {
            check(message: message, expected: expected, matcher: matcher)
        } else {
            let participant = try #require(testCase.object.object("participant"))
            check(participant: participant, expected: expected, matcher: matcher)
        }
    }

    private func check(participant: JSONObject, expected: JSONObject, matcher: ClientMatcher) {
        let result = matcher.match(
            address: participant.string("email"), displayName: participant.string("display_name"))
        #expect(result.client?.id == expected.string("client_id"))
        #expect(result.matchedBy == Self.matchedBy(expected))
        #expect(result.registrableDomain == expected.string("registrable_domain"))
        #expect(result.isWorkspace == expected.bool("is_workspace"))
    }

    private func check(message: JSONObject, expected: JSONObject, matcher: ClientMatcher) {
        let result = matcher.matchMessage(
            from: message.object("from").map(Self.participant),
            to: message.array("to").compactMap(\.objectValue).map(Self.participant),
            cc: message.array("cc").compactMap(\.objectValue).map(Self.participant))
        #expect(result.direction.rawValue == expected.string("direction"))
        #expect(result.client?.id == expected.string("client_id"))
        #expect(result.client?.matchedBy == Self.matchedBy(expected))
        #expect(result.clientIds == expected.strings("all_client_ids"))
    }

    private func makeMatcher(_ object: JSONObject) throws -> ClientMatcher {
        var directory = ClientDirectory()
        for client in object.array("clients").compactMap(\.objectValue) {
            directory.add(
                id: try #require(client.string("id")), name: client.string("name") ?? "",
                aliases: client.strings("aliases"), domains: client.strings("domains"),
                contacts: client.strings("contacts"))
        }
        return ClientMatcher(
            directory: directory, workspaceDomains: object.strings("workspace_domains"),
            publicSuffixes: try MatchingFixtures.debianSuffixList(),
            freeMail: try MatchingFixtures.freeMail())
    }

    /// The case file's `matched_by`, which Inflow spells the same way.
    private static func matchedBy(_ expected: JSONObject) -> String? {
        expected.string("matched_by")
    }

    private static func participant(_ object: JSONObject) -> Participant {
        Participant(address: object.string("email"), displayName: object.string("display_name"))
    }
}
