import Foundation
import InflowStore
import InflowCore
import Testing

/// Meetings and contacts go through the same job as email, each into its own table.
@Suite struct CalendarContactsJobTests {
    private let calendar = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        BEGIN:VEVENT\r
        UID:kickoff@example.com\r
        SUMMARY:Kickoff with Acme\r
        DESCRIPTION:A great start\\, thank you all!\r
        DTSTART;TZID=America/New_York:20260120T100000\r
        DTEND;TZID=America/New_York:20260120T110000\r
        ORGANIZER;CN=Alice:mailto:alice@example.com\r
        ATTENDEE;CN=Priya;PARTSTAT=ACCEPTED:mailto:priya@acme.test\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:holiday@example.com\r
        SUMMARY:Office closed\r
        DTSTART;VALUE=DATE:20260119\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        SUMMARY:No uid here\r
        DTSTART:20260121T090000Z\r
        END:VEVENT\r
        END:VCALENDAR\r

        """

    private let cards = """
        BEGIN:VCARD
        VERSION:3.0
        FN:Priya Raman
        N:Raman;Priya;;;
        EMAIL;TYPE=INTERNET;TYPE=WORK:Priya@Acme.test
        ORG:Acme Inc
        END:VCARD

        """

    @Test func meetingsAndContactsLoadIntoTheirTables() throws {
        let fixture = try WorkspaceFixture(pipeline: """
            {"workspace": "example.com", "ownDomains": ["example.com"], "clients": "clients.csv",
             "sources": {"google": {"inputs": "../inputs"}}}
            """)
        try "id,name,aliases,domains,emails\nacme,Acme Inc,,acme.test,\n"
            .write(toFile: fixture.pipelines + "/clients.csv", atomically: true, encoding: .utf8)
        try fixture.writeInput("Calendar/alice@example.com.ics", calendar)
        try fixture.writeInput("Contacts/All Contacts/All Contacts.vcf", cards)
        try fixture.writeInput("Contacts/Clientes/Clientes.vcf", cards)

        let run = fixture.inflow("run", "--workspace", "example.com")
        #expect(run.code == 0)
        // 2 meetings + 1 rejected event + 2 copies of one card (the second counts unchanged).
        #expect(fixture.counts(run.document) == [
            "itemsProcessed": 5, "itemsAdded": 3, "itemsUpdated": 0, "itemsUnchanged": 1, "itemsSkipped": 1,
        ])
        #expect(try fixture.table("meetings") == ["kickoff@example.com": "", "holiday@example.com": ""])
        #expect(try fixture.table("contacts").count == 1)

        let runDir = try #require(run.document?.object("outputs")?.string("runDir"))
        let meetings = try fixture.stageRows(runDir, "enrich/google/meetings.jsonl.zst")
        let kickoff = try #require(meetings.first { $0.string("uid") == "kickoff@example.com" })
        #expect(kickoff.string("start") == "2026-01-20T15:00:00Z")
        #expect(kickoff.string("end") == "2026-01-20T16:00:00Z")
        #expect(kickoff.string("direction") == "outbound")
        #expect(kickoff.object("client")?.string("id") == "acme")
        #expect(kickoff.object("sentiment")?.double("compound") != nil)
        let holiday = try #require(meetings.first { $0.string("uid") == "holiday@example.com" })
        #expect(holiday.string("start") == "2026-01-19")
        #expect(holiday.string("end") == "2026-01-20")
        #expect(holiday.bool("allDay") == true)
        let months = try FileSystem.list(fixture.data + "/example.com/tables/meetings")
        #expect(months == ["month=2026-01"])

        let contact = try #require(try fixture.stageRows(runDir, "enrich/google/contacts.jsonl.zst").first)
        #expect(contact.object("name")?.string("full") == "Priya Raman")
        #expect(contact.array("emails").first?.objectValue?.string("address") == "priya@acme.test")

        let again = fixture.inflow("run", "--workspace", "example.com", "--sync-type", "full")
        #expect(fixture.counts(again.document)["itemsAdded"] == 0)
        #expect(fixture.counts(again.document)["itemsUpdated"] == 0)
    }
}
