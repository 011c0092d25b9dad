import Foundation
import InflowCore
import InflowStore
import Testing

/// A backfill loads one source's items of a range, month by month, and nothing else.
@Suite struct BackfillTests {
    private func fixture() throws -> WorkspaceFixture {
        let fixture = try WorkspaceFixture()
        try fixture.writeInput("a.mbox", Mail.mbox([
            Mail.message(id: "nov@acme.test", from: "p@acme.test", to: "alice@example.com", subject: "Nov",
                         date: "Mon, 10 Nov 2025 09:00:00 +0000"),
            Mail.message(id: "dec@acme.test", from: "p@acme.test", to: "alice@example.com", subject: "Dec",
                         date: "Mon, 15 Dec 2025 09:00:00 +0000"),
            Mail.message(id: "dec31@acme.test", from: "p@acme.test", to: "alice@example.com", subject: "Dec31",
                         date: "Wed, 31 Dec 2025 23:30:00 +0000"),
            Mail.message(id: "jan@acme.test", from: "p@acme.test", to: "alice@example.com", subject: "Jan",
                         date: "Mon, 5 Jan 2026 09:00:00 +0000"),
        ]))
        try fixture.writeInput("cal.ics", """
            BEGIN:VCALENDAR
            BEGIN:VEVENT
            UID:dec-meeting@example.com
            SUMMARY:December review
            DTSTART:20251216T100000Z
            END:VEVENT
            END:VCALENDAR

            """)
        return fixture
    }

    @Test func aBackfillOfOneMonthAndOneTypeTouchesNothingElse() throws {
        let fixture = try fixture()
        let run = fixture.inflow("backfill", "--workspace", "example.com", "--source", "google",
                                 "--from", "2025-12-01", "--to", "2025-12-31", "--data-types", "emails")
        #expect(run.code == 0)
        let document = try #require(run.document)
        #expect(document.string("backfillId")?.hasPrefix("backfill_") == true)
        #expect(document.object("dateRange")?.string("from") == "2025-12-01T00:00:00Z")
        #expect(document.object("dateRange")?.string("to") == "2026-01-01T00:00:00Z")
        #expect(document.strings("dataTypes") == ["emails"])
        #expect(try fixture.table() == ["dec@acme.test": "Dec", "dec31@acme.test": "Dec31"])
        #expect(try FileSystem.list(fixture.data + "/example.com/tables/emails") == ["month=2025-12"])
        #expect(!FileSystem.exists(fixture.data + "/example.com/tables/meetings"))
        #expect(fixture.counts(run.document)["itemsAdded"] == 2)
    }

    @Test func aBackfillOverSeveralMonthsCommitsEachMonthNewestFirst() throws {
        let fixture = try fixture()
        let run = fixture.inflow("backfill", "--workspace", "example.com", "--source", "google",
                                 "--from", "2025-11-01", "--to", "2026-01-31")
        #expect(run.code == 0)
        let runDir = try #require(run.document?.object("outputs")?.string("runDir"))
        #expect(try FileSystem.list(runDir) == ["month=2025-11", "month=2025-12", "month=2026-01"])
        #expect(try fixture.table().count == 4)
        #expect(try fixture.table("meetings") == ["dec-meeting@example.com": ""])
        #expect(fixture.counts(run.document)["itemsAdded"] == 5)
        // Three snapshots of the email table: one commit per month.
        let snapshots = try FileSystem.list(fixture.data + "/example.com/tables/.snapshots/emails")
        #expect(snapshots == ["1", "2", "3"])
    }

    @Test(arguments: [
        ["backfill", "--workspace", "example.com", "--source", "google", "--from", "2026-01-10", "--to", "2026-01-01"],
        ["backfill", "--workspace", "example.com", "--source", "google", "--from", "2026-01-01",
         "--data-types", "deals"],
        ["backfill", "--workspace", "example.com", "--source", "hubspot", "--from", "2026-01-01"],
        ["backfill", "--workspace", "example.com", "--source", "google"],
        ["backfill", "--workspace", "example.com", "--source", "google", "--from", "last week"],
    ])
    func badBackfillsAreRefused(words: [String]) throws {
        let fixture = try fixture()
        var output = ""
        let code = InflowCommandLineProbe.run(
            words + ["--data-dir", fixture.data, "--pipelines-dir", fixture.pipelines,
                     "--reports-dir", fixture.reports],
            output: &output)
        #expect(code == 2)
    }
}
