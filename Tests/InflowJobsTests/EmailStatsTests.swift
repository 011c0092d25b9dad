import Foundation
import InflowCore
import Testing

/// Email stats on a fixture whose every field was computed by hand; sentiment scores are
/// `(compound + 1) / 2` with compounds from vaderSentiment 3.3.2 on "subject\ntext".
@Suite struct EmailStatsTests {
    private func fixture() throws -> WorkspaceFixture {
        let fixture = try WorkspaceFixture(pipeline: """
            {"workspace": "example.com", "ownDomains": ["example.com"],
             "sources": {"google": {"inputs": "../inputs"}}, "clients": "clients.csv"}
            """)
        try "id,name,aliases,domains,emails\nacme,Acme Inc,,acme.test,\nglobex,Globex,,globex.test,\n"
            .write(toFile: fixture.pipelines + "/clients.csv", atomically: true, encoding: .utf8)
        try fixture.writeInput("all.mbox", Mail.mbox([
            // score 0.892 (compound 0.784), inbound, answered by the next one
            Mail.message(id: "a@acme.test", from: "p@acme.test", to: "alice@example.com", subject: "Renewal",
                         date: "Mon, 5 Jan 2026 09:00:00 +0000", thread: "1", body: "This is great, thank you!"),
            // score 0.8454 (compound 0.6908), outbound
            Mail.message(id: "b@example.com", from: "alice@example.com", to: "p@acme.test",
                         subject: "Re: Renewal", date: "Mon, 5 Jan 2026 10:00:00 +0000", thread: "1",
                         body: "Glad to help."),
            // score 0.26165 (compound -0.4767), inbound, never answered
            Mail.message(id: "c@globex.test", from: "g@globex.test", to: "alice@example.com", subject: "Issue",
                         date: "Mon, 5 Jan 2026 11:00:00 +0000", thread: "2", body: "The report is wrong."),
            // score 0.5, internal
            Mail.message(id: "d@example.com", from: "bob@example.com", to: "alice@example.com", subject: "Lunch",
                         date: "Mon, 5 Jan 2026 12:00:00 +0000", thread: "3", body: "See you at noon."),
            // score 0.5, outbound to Acme three days earlier
            Mail.message(id: "e@example.com", from: "alice@example.com", to: "p@acme.test", subject: "Proposal",
                         date: "Fri, 2 Jan 2026 08:00:00 +0000", thread: "4", body: "Here is the proposal."),
            // outside a 30-day window ending 2026-01-06
            Mail.message(id: "f@acme.test", from: "p@acme.test", to: "alice@example.com", subject: "Old",
                         date: "Mon, 1 Dec 2025 08:00:00 +0000", thread: "5"),
            "not a header line\n",
        ]))
        #expect(fixture.inflow("run", "--workspace", "example.com", "--now", "2026-01-06T12:00:00Z").code == 0)
        return fixture
    }

    @Test func thirtyDayWindowHasEveryFieldComputedByHand() throws {
        let fixture = try fixture()
        let stats = try #require(fixture.inflow(
            "email-stats", "--workspace", "example.com", "--now", "2026-01-06T23:00:00Z").document)
        #expect(stats.int("windowDays") == 30)
        #expect(stats.int("emailsProcessed") == 5)
        #expect(stats.int("emailsInbound") == 2)
        #expect(stats.int("emailsOutbound") == 2)
        #expect(stats.bool("openTrackingEnabled") == false)
        #expect(stats["openRate"] == .null)
        #expect(stats.double("responseRate") == 0.5)
        // (0.892 + 0.8454 + 0.26165 + 0.5 + 0.5) / 5 = 0.59981
        #expect(stats.double("avgSentimentScore") == 0.6)
        let top = stats.array("topClients").compactMap(\.objectValue)
        #expect(top.map { $0.string("clientName") } == ["Acme Inc", "Globex"])
        #expect(top.map { $0.int("emailCount") } == [3, 1])
        // Acme: (0.892 + 0.8454 + 0.5) / 3 = 0.7458; Globex: 0.26165
        #expect(top.map { $0.double("avgSentiment") } == [0.75, 0.26])
        #expect(top.allSatisfy { $0["openRate"] == .null })
        #expect(stats.object("processingErrors")?.int("parseErrors") == 1)
        #expect(stats.object("processingErrors")?.int("attachmentErrors") == 0)
    }

    @Test func oneDayWindowAndAnEmptyWindow() throws {
        let fixture = try fixture()
        let day = try #require(fixture.inflow(
            "email-stats", "--workspace", "example.com", "--window-days", "1", "--now", "2026-01-05").document)
        #expect(day.int("emailsProcessed") == 4)
        #expect(day.object("processingErrors")?.int("parseErrors") == 0)

        let empty = try #require(fixture.inflow(
            "email-stats", "--workspace", "example.com", "--window-days", "7", "--now", "2025-06-01").document)
        #expect(empty.int("emailsProcessed") == 0)
        #expect(empty["responseRate"] == .null)
        #expect(empty["avgSentimentScore"] == .null)
        #expect(empty.array("topClients").isEmpty)
    }

    @Test func reportsRebuildIdentically() throws {
        let fixture = try fixture()
        let files = ["status.json", "history.json", "email-stats.json"]
        let folder = fixture.reports + "/example.com/"
        let before = try files.map { try Data(contentsOf: URL(fileURLWithPath: folder + $0)) }
        try FileManager.default.removeItem(atPath: fixture.reports)
        #expect(fixture.inflow("report", "--workspace", "example.com", "--now", "2026-01-06T12:00:00Z").code == 0)
        let after = try files.map { try Data(contentsOf: URL(fileURLWithPath: folder + $0)) }
        #expect(before == after)
    }
}
