import Foundation
@testable import InflowCLI
import InflowCore
import Testing

/// The shared bug repros folder, when it is beside the package.
enum BugFiles {
    static let folder: String? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        let folder = root + "/shared/corpus/bugs"
        return FileManager.default.fileExists(atPath: folder + "/EXPECTED.json") ? folder : nil
    }()
}

/// The bug repros whose expected values are record fields, checked through `inflow inspect`
/// as a user would, against `EXPECTED.json` read at run time.
@Suite(.enabled(if: BugFiles.folder != nil, "../shared/corpus/bugs is not beside the package"))
struct InspectBugTests {
    static var bugs: String? { BugFiles.folder }

    private func expected(_ name: String) throws -> JSONObject {
        let data = try Data(contentsOf: URL(fileURLWithPath: try #require(Self.bugs) + "/EXPECTED.json"))
        let all = try #require(try JSON.parse(Array(data)).objectValue)
        return try #require(all.object(name)?.object("expected"))
    }

    /// The records `inflow inspect` prints for a bug file.
    private func inspect(_ name: String) throws -> [JSONObject] {
        var output = ""
        let code = InflowCommandLine.run(["inspect", try #require(Self.bugs) + "/" + name]) { output += $0 }
        #expect(code.rawValue == 0)
        return try output.split(separator: "\n").map { try #require(try JSON.parse(String($0)).objectValue) }
    }

    @Test func takeoutSeparatorsGiveDatesThreadsAndLabels() throws {
        let want = try expected("01-takeout-from-line.mbox")
        let records = try inspect("01-takeout-from-line.mbox")
        #expect(records.count == want.int("message_count"))
        for (record, message) in zip(records, want.array("messages").compactMap(\.objectValue)) {
            #expect(record.string("envelopeDate") == message.string("envelope_date"))
            #expect(record.string("date") == message.string("date"))
            #expect(record.string("threadId") == message.string("gmail_thread_id"))
            #expect(record.strings("labels") == message.strings("gmail_labels"))
            if let subject = message.string("subject") { #expect(record.string("subject") == subject) }
            if let reply = message.string("in_reply_to") { #expect(record.string("inReplyTo") == reply) }
        }
    }

    @Test func anUnescapedFromLineInABodyStartsNoMessage() throws {
        let want = try expected("02-mbox-unescaped-from-in-body.mbox")
        let records = try inspect("02-mbox-unescaped-from-in-body.mbox")
        #expect(records.count == want.int("message_count"))
        let first = try #require(want.array("messages").first?.objectValue)
        #expect(records.first?.string("subject") == first.string("subject"))
        for line in first.strings("body_contains") {
            #expect(records.first?.string("text")?.contains(line) == true, "\(line)")
        }
    }

    @Test func aBrokenMessageDoesNotEndTheMailbox() throws {
        let want = try expected("04-mbox-broken-message-stops-enumeration.mbox")
        let records = try inspect("04-mbox-broken-message-stops-enumeration.mbox")
        #expect(records.compactMap { $0.string("subject") } == want.strings("subjects"))
        let attachment = records.dropFirst().first?.array("attachments").first?.objectValue
        #expect(attachment?.string("filename") == want.object("message_2")?.string("attachment_filename"))
        #expect(attachment?.int("size") == want.object("message_2")?.int("attachment_decoded_bytes"))
    }

    @Test func anEncodedCommaStaysInTheDisplayName() throws {
        let want = try expected("05-encoded-comma-display-name.eml")
        let record = try #require(try inspect("05-encoded-comma-display-name.eml").first)
        #expect(record["from"].map { JSON.array([$0]) } == want["from"])
        #expect(record["to"] == want["to"])
        #expect(record["cc"] == want["cc"])
    }

    @Test func theBoundaryThatPrefixesAnotherSplitsRight() throws {
        let want = try expected("08-boundary-prefix-of-inner-boundary.eml")
        let record = try #require(try inspect("08-boundary-prefix-of-inner-boundary.eml").first)
        #expect(record.string("text") == want.string("text_plain"))
        #expect(record.bool("hasHtml") == true)
        let image = record.array("attachments").first?.objectValue
        #expect(image?.string("contentType") == "image/gif")
        #expect(image?.int("size") == want.int("image_gif_bytes"))
    }

    @Test func aWindowsZoneIsReadFromItsVTimezone() throws {
        let want = try expected("10-ics-windows-tzid.ics")
        let meeting = try #require(try inspect("10-ics-windows-tzid.ics").first)
        #expect(meeting.string("title") == want.string("summary"))
        #expect(meeting.string("start") == want.string("dtstart_utc"))
        #expect(meeting.string("end") == want.string("dtend_utc"))
        #expect(meeting.string("timezone") == want.string("tzid"))
    }

    @Test func anAllDayEventStaysADate() throws {
        let want = try expected("11-ics-all-day-event.ics")
        let meeting = try #require(try inspect("11-ics-all-day-event.ics").first)
        #expect(meeting.bool("allDay") == want.bool("all_day"))
        #expect(meeting.string("start") == want.string("start_date"))
        #expect(meeting.string("end") == want.string("end_date_exclusive"))
    }

    @Test func aQuotedPrintableSoftBreakContinuesTheNote() throws {
        let want = try expected("13-vcard21-qp-soft-line-break.vcf")
        let contact = try #require(try inspect("13-vcard21-qp-soft-line-break.vcf").first)
        #expect(contact.object("name")?.string("full") == want.string("fn"))
        #expect(contact.string("note") == want.string("note"))
        #expect(contact.array("emails").first?.objectValue?.string("address") == want.string("email"))
    }

    @Test func aByteOrderMarkIsNotPartOfTheFirstHeader() throws {
        let want = try expected("15-csv-utf8-bom.csv")
        let rows = try inspect("15-csv-utf8-bom.csv")
        #expect(rows.map { $0.object("fields").map { JSON.object($0) } } == want.array("rows").map { $0 })
        #expect(rows.first?.object("fields")?.keys == want.strings("header"))
    }

    @Test func quotedLineBreaksStayInTheirField() throws {
        let want = try expected("16-csv-quoted-embedded-crlf.csv")
        let rows = try inspect("16-csv-quoted-embedded-crlf.csv")
        let header = want.strings("header")
        let values = want.array("rows").map { $0.arrayValue?.compactMap(\.stringValue) ?? [] }
        #expect(rows.count == values.count)
        for (row, expected) in zip(rows, values) {
            #expect(header.map { row.object("fields")?.string($0) } == expected.map { $0 })
        }
    }
}
