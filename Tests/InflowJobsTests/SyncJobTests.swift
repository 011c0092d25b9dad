import Foundation
import InflowCore
import InflowStore
import Testing

@Suite struct SyncJobTests {
    private let threeMessages = Mail.mbox([
        Mail.message(id: "a@acme.test", from: "Priya <priya@acme.test>", to: "alice@example.com",
                     subject: "Renewal", date: "Mon, 5 Jan 2026 09:00:00 +0000", thread: "111"),
        Mail.message(id: "b@example.com", from: "alice@example.com", to: "priya@acme.test",
                     subject: "Re: Renewal", date: "Mon, 5 Jan 2026 11:00:00 +0000", thread: "111",
                     inReplyTo: "a@acme.test"),
        Mail.message(id: "c@example.com", from: "bob@example.com", to: "alice@example.com",
                     subject: "Lunch", date: "Tue, 30 Dec 2025 12:00:00 -0500"),
    ])

    @Test func firstRunAddsEverythingAndRerunsAddNothing() throws {
        let fixture = try WorkspaceFixture()
        try fixture.writeInput("mail/All mail.mbox", threeMessages)

        let first = fixture.inflow("run", "--workspace", "example.com")
        #expect(first.code == 0)
        #expect(fixture.counts(first.document) == [
            "itemsProcessed": 3, "itemsAdded": 3, "itemsUpdated": 0, "itemsUnchanged": 0, "itemsSkipped": 0,
        ])
        #expect(try fixture.table() == ["a@acme.test": "Renewal", "b@example.com": "Re: Renewal",
                                        "c@example.com": "Lunch"])

        let quick = fixture.inflow("run", "--workspace", "example.com")
        #expect(quick.code == 0)
        #expect(fixture.counts(quick.document)["itemsAdded"] == 0)
        #expect(fixture.counts(quick.document)["itemsProcessed"] == 0)

        let full = fixture.inflow("run", "--workspace", "example.com", "--sync-type", "full")
        #expect(full.code == 0)
        #expect(fixture.counts(full.document) == [
            "itemsProcessed": 3, "itemsAdded": 0, "itemsUpdated": 0, "itemsUnchanged": 3, "itemsSkipped": 0,
        ])
    }

    @Test func partitionsByMonthAndEnrichesDirection() throws {
        let fixture = try WorkspaceFixture()
        try fixture.writeInput("all.mbox", threeMessages)
        let run = fixture.inflow("run", "--workspace", "example.com")
        let runDir = try #require(run.document?.object("outputs")?.string("runDir"))

        let months = try FileSystem.list(fixture.data + "/example.com/tables/emails")
        #expect(months == ["month=2025-12", "month=2026-01"])
        let enriched = try fixture.stageRows(runDir, "enrich/google/emails.jsonl.zst")
        #expect(enriched.map { $0.string("direction") } == ["inbound", "outbound", "internal"])
        #expect(enriched.map { $0.string("threadId") } == ["111", "111", "c@example.com"])
        #expect(enriched[2].string("date") == "2025-12-30T17:00:00Z")
        #expect(enriched.allSatisfy { $0["client"] == .null && $0.strings("clientIds").isEmpty })
    }

    @Test func scoresWhatTheSenderWroteAndMatchesClients() throws {
        let fixture = try WorkspaceFixture(pipeline: """
            {"workspace": "example.com", "ownDomains": ["example.com"],
             "sources": {"google": {"inputs": "../inputs"}}, "clients": "clients.csv"}
            """)
        try "id,name,aliases,domains,emails\nacme,Acme Inc,,acme.test,\n"
            .write(toFile: fixture.pipelines + "/clients.csv", atomically: true, encoding: .utf8)
        try fixture.writeInput("all.mbox", Mail.mbox([
            Mail.message(id: "o@acme.test", from: "p@acme.test", to: "alice@example.com", subject: "Outage",
                         date: "Mon, 5 Jan 2026 09:00:00 +0000",
                         body: "The dashboard is down again. This is terrible.\n\n> Great news, all fixed!"),
        ]))
        let run = fixture.inflow("run", "--workspace", "example.com")
        let runDir = try #require(run.document?.object("outputs")?.string("runDir"))
        let email = try #require(try fixture.stageRows(runDir, "enrich/google/emails.jsonl.zst").first)

        // vaderSentiment 3.3.2 on "Outage\nThe dashboard is down again. This is terrible.":
        // the quoted line is not part of what the sender wrote.
        let sentiment = try #require(email.object("sentiment"))
        #expect(sentiment.double("compound") == -0.4767)
        #expect(sentiment.double("neg") == 0.279)
        #expect(sentiment.double("neu") == 0.721)
        #expect(sentiment.double("score") == 0.26165)
        #expect(email.object("client")?.string("id") == "acme")
        #expect(email.object("client")?.string("matchedBy") == "domain")
        #expect(email.object("client")?.double("confidence") == 0.95)
        #expect(email.strings("clientIds") == ["acme"])
    }

    @Test func changedInputUpdatesOnlyWhatChanged() throws {
        let fixture = try WorkspaceFixture()
        try fixture.writeInput("all.mbox", threeMessages)
        _ = fixture.inflow("run", "--workspace", "example.com")

        let renamed = threeMessages.replacingOccurrences(of: "Subject: Lunch", with: "Subject: Dinner")
        let added = Mail.mbox([Mail.message(id: "d@acme.test", from: "x@acme.test", to: "alice@example.com",
                                            subject: "New", date: "Wed, 7 Jan 2026 10:00:00 +0000")])
        try fixture.writeInput("all.mbox", renamed + "\n" + added)
        let second = fixture.inflow("run", "--workspace", "example.com")
        #expect(fixture.counts(second.document) == [
            "itemsProcessed": 4, "itemsAdded": 1, "itemsUpdated": 1, "itemsUnchanged": 2, "itemsSkipped": 0,
        ])
        #expect(try fixture.table()["c@example.com"] == "Dinner")
        #expect(try fixture.table().count == 4)
    }

    @Test func unparseableMessagesAreRejectedWithAReasonAndCounted() throws {
        let fixture = try WorkspaceFixture()
        let broken = "this line is not a header\nnor is this one\n"
        try fixture.writeInput("all.mbox", Mail.mbox([
            Mail.message(id: "a@acme.test", from: "p@acme.test", to: "alice@example.com", subject: "Ok",
                         date: "Mon, 5 Jan 2026 09:00:00 +0000"),
            broken,
        ]))
        let run = fixture.inflow("run", "--workspace", "example.com")
        #expect(run.code == 0)
        #expect(fixture.counts(run.document) == [
            "itemsProcessed": 2, "itemsAdded": 1, "itemsUpdated": 0, "itemsUnchanged": 0, "itemsSkipped": 1,
        ])
        let runDir = try #require(run.document?.object("outputs")?.string("runDir"))
        let rejects = try fixture.stageRows(runDir, "parse/google/emails.rejects.jsonl.zst")
        #expect(rejects.count == 1)
        #expect(rejects.first?.object("origin")?.int("offset") ?? 0 > 0)
        #expect(rejects.first?.string("reason")?.hasPrefix("no header fields found") == true)
        let errors = run.document?.array("syncHistory").first?.objectValue?.array("errors") ?? []
        #expect(errors.first?.objectValue?.string("kind") == "parse")
        #expect(errors.first?.objectValue?.int("count") == 1)
    }

    @Test func aReplyInALaterJobJoinsTheEarlierThread() throws {
        let fixture = try WorkspaceFixture()
        try fixture.writeInput("a.mbox", Mail.mbox([
            Mail.message(id: "root@acme.test", from: "p@acme.test", to: "alice@example.com", subject: "Q",
                         date: "Mon, 5 Jan 2026 09:00:00 +0000", thread: "777"),
        ]))
        _ = fixture.inflow("run", "--workspace", "example.com")
        try fixture.writeInput("reply.eml", Mail.message(
            id: "reply@example.com", from: "alice@example.com", to: "p@acme.test", subject: "Re: Q",
            date: "Tue, 6 Jan 2026 09:00:00 +0000", inReplyTo: "root@acme.test"))
        let second = fixture.inflow("run", "--workspace", "example.com")
        let runDir = try #require(second.document?.object("outputs")?.string("runDir"))
        let enriched = try fixture.stageRows(runDir, "enrich/google/emails.jsonl.zst")
        #expect(enriched.map { $0.string("threadId") } == ["777"])
    }

    @Test func aReplyInALaterJobMarksTheEarlierEmailResponded() throws {
        let fixture = try WorkspaceFixture()
        try fixture.writeInput("a.mbox", Mail.mbox([
            Mail.message(id: "ask@acme.test", from: "p@acme.test", to: "alice@example.com", subject: "Q",
                         date: "Mon, 5 Jan 2026 09:00:00 +0000", thread: "900"),
        ]))
        let first = fixture.inflow("run", "--workspace", "example.com")
        let firstDir = try #require(first.document?.object("outputs")?.string("runDir"))
        let before = try fixture.stageRows(firstDir, "load/google/emails.jsonl.zst")
        #expect(before.first?["responded"] == .bool(false))
        #expect(before.first?["responseSeconds"] == .null)

        try fixture.writeInput("b.mbox", Mail.mbox([
            Mail.message(id: "answer@example.com", from: "alice@example.com", to: "p@acme.test",
                         subject: "Re: Q", date: "Mon, 5 Jan 2026 10:30:15 +0000", thread: "900"),
        ]))
        let second = fixture.inflow("run", "--workspace", "example.com")
        #expect(fixture.counts(second.document) == [
            "itemsProcessed": 2, "itemsAdded": 1, "itemsUpdated": 1, "itemsUnchanged": 0, "itemsSkipped": 0,
        ])
        let secondDir = try #require(second.document?.object("outputs")?.string("runDir"))
        let rows = try fixture.stageRows(secondDir, "load/google/emails.jsonl.zst")
        let asked = try #require(rows.first { $0.string("id") == "ask@acme.test" })
        #expect(asked["responded"] == .bool(true))
        #expect(asked.int("responseSeconds") == 5415)
        #expect(rows.first { $0.string("id") == "answer@example.com" }?["responded"] == .null)

        let again = fixture.inflow("run", "--workspace", "example.com", "--sync-type", "full")
        #expect(fixture.counts(again.document)["itemsUnchanged"] == 2)
    }

    @Test func theLedgerAccountsForEveryItemByDay() throws {
        let fixture = try WorkspaceFixture()
        let first = Mail.message(id: "a@acme.test", from: "p@acme.test", to: "alice@example.com", subject: "A",
                                 date: "Mon, 5 Jan 2026 09:00:00 +0000")
        try fixture.writeInput("a.mbox", Mail.mbox([
            first, "no headers here\n",
            Mail.message(id: "b@acme.test", from: "p@acme.test", to: "alice@example.com", subject: "B",
                         date: "Tue, 6 Jan 2026 09:00:00 +0000"),
        ]))
        try fixture.writeInput("b.eml", first)
        let run = fixture.inflow("run", "--workspace", "example.com")
        let google = try #require(try fixture.ledger(run.document).object("google"))
        let day5 = try #require(google.object("2026-01-05"))
        #expect(day5.int("seen") == 2)
        #expect(day5.int("added") == 1)
        #expect(day5.int("unchanged") == 1)
        #expect(google.object("2026-01-06")?.int("added") == 1)
        #expect(google.object("undated")?.int("rejected") == 1)
        #expect(google.object("undated")?.int("seen") == 1)
        let errors = run.document?.array("syncHistory").first?.objectValue?.array("errors") ?? []
        #expect(!errors.contains { $0.objectValue?.string("kind") == "ledger" })
    }

    @Test func filesThatHoldNoDataAreListedWithTheirReason() throws {
        let fixture = try WorkspaceFixture()
        try fixture.writeInput("a.mbox", threeMessages)
        try fixture.writeInput("notes/index.html", "<html>not mail</html>\n")
        let run = fixture.inflow("run", "--workspace", "example.com")
        let runDir = try #require(run.document?.object("outputs")?.string("runDir"))
        let ignored = try fixture.stageRows(runDir, "extract/google/ignored.jsonl.zst")
        #expect(ignored.map { $0.string("file") } == [fixture.inputs + "/notes/index.html"])
        #expect(ignored.first?.string("reason") == "an index page")
        let info = run.document?.array("syncHistory").first?.objectValue?.array("errors").first?.objectValue
        #expect(info?.string("severity") == "info")
        #expect(info?.int("count") == 1)
    }
}
