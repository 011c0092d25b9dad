import FoundationEssentials
import InflowCore
import InflowParse
import Testing

extension Corpus {
    /// The paths, relative to the corpus, of every file under `folder` ending in `suffix`.
    static func files(under folder: String, suffix: String) -> [String] {
        let paths = (try? FileManager.default.subpathsOfDirectory(atPath: root + "/" + folder)) ?? []
        return paths.filter { $0.hasSuffix(suffix) }.map { folder + "/" + $0 }.sorted()
    }

    /// The expected values of one bug repro, from `bugs/EXPECTED.json`.
    static func expected(_ file: String) throws -> JSONObject {
        let json = try JSON.parse(try bytes("bugs/EXPECTED.json"))
        return try #require(json.objectValue?.object(file)?.object("expected"))
    }
}

@Suite(
    "Calendar and contact corpus",
    .enabled(if: Corpus.exists, "the shared corpus is not checked out beside the package"),
    .timeLimit(.minutes(2)))
struct CalendarContactCorpusTests {
    /// Parses every corpus file under `folder` ending in `suffix` and checks that each reject
    /// has a reason and each record reads back from its JSON unchanged.
    ///
    /// - Returns: How many files were read and how many records they gave.
    static func checkEvery<Record: Equatable>(
        _ folder: String, _ suffix: String,
        parse: ([UInt8]) -> (records: [Record], rejects: [ComponentReject]),
        json: (Record) -> JSON, readBack: (JSON) throws -> Record
    ) throws -> (files: Int, records: Int) {
        let files = Corpus.files(under: folder, suffix: suffix)
        var records = 0
        for file in files {
            let result = parse(try Corpus.bytes(file))
            records += result.records.count
            for reject in result.rejects {
                #expect(!reject.reason.isEmpty, "\(file)")
            }
            for record in result.records {
                #expect(try readBack(json(record)) == record, "\(file)")
            }
        }
        return (files.count, records)
    }

    @Test func everyCalendarFileYieldsMeetingsOrReasons() throws {
        let counts = try CalendarContactCorpusTests.checkEvery(
            "ics", ".ics",
            parse: {
                let result = CalendarParser.parse(
                    CalendarFixture.item($0), defaultTimeZone: "America/New_York")
                return (result.meetings, result.rejects)
            },
            json: \.json, readBack: MeetingRecord.init(json:))
        #expect(counts.files > 250)
        #expect(counts.records > 150)
    }

    @Test func everyVCardFileYieldsContactsOrReasons() throws {
        let counts = try CalendarContactCorpusTests.checkEvery(
            "vcf", ".vcf",
            parse: {
                let result = ContactParser.parse(ContactFixture.item($0))
                return (result.contacts, result.rejects)
            },
            json: \.json, readBack: ContactRecord.init(json:))
        #expect(counts.files > 30)
        #expect(counts.records > 30)
    }

    @Test func windowsZoneNameUsesTheEmbeddedDefinition() throws {
        let file = "10-ics-windows-tzid.ics"
        let expected = try Corpus.expected(file)
        let result = CalendarParser.parse(
            CalendarFixture.item(try Corpus.bytes("bugs/" + file)), defaultTimeZone: nil)
        let meeting = try #require(result.meetings.first)
        #expect(result.meetings.count == 1)
        #expect(meeting.title == "Planning workshop")
        #expect(meeting.start.text == "2025-08-06T07:00:00Z")
        #expect(meeting.end.text == "2025-08-06T11:30:00Z")
        #expect(meeting.timezone == "W. Europe Standard Time")
        #expect(meeting.title == expected.string("summary"))
        #expect(meeting.start.text == expected.string("dtstart_utc"))
        #expect(meeting.end.text == expected.string("dtend_utc"))
        #expect(meeting.timezone == expected.string("tzid"))
        #expect(meeting.parseNotes.isEmpty)
        #expect(meeting.uid.hasSuffix("0100000000000000000000000000000001"))
    }

    @Test func allDayEventStaysADate() throws {
        let file = "11-ics-all-day-event.ics"
        let expected = try Corpus.expected(file)
        let result = CalendarParser.parse(
            CalendarFixture.item(try Corpus.bytes("bugs/" + file)),
            defaultTimeZone: "America/Los_Angeles")
        let meeting = try #require(result.meetings.first)
        #expect(meeting.allDay)
        #expect(meeting.start.text == "2020-12-25")
        #expect(meeting.end.text == "2020-12-26")
        #expect(meeting.allDay == expected.bool("all_day"))
        #expect(meeting.start.text == expected.string("start_date"))
        #expect(meeting.end.text == expected.string("end_date_exclusive"))
        #expect(meeting.timezone == nil)
        #expect(meeting.json.objectValue?.string("start") == "2020-12-25")
    }

    @Test func quotedPrintableSoftBreakContinuesTheNote() throws {
        let file = "13-vcard21-qp-soft-line-break.vcf"
        let expected = try Corpus.expected(file)
        let result = ContactParser.parse(ContactFixture.item(try Corpus.bytes("bugs/" + file)))
        let contact = try #require(result.contacts.first)
        #expect(result.contacts.count == 1)
        #expect(contact.note == "Mobile Groups: Customers; \nSecond line")
        #expect(contact.name.full == "Pat Example")
        #expect(contact.emails.first?.address == "pat@example.com")
        #expect(contact.note == expected.string("note"))
        #expect(contact.name.full == expected.string("fn"))
        #expect(contact.emails.first?.address == expected.string("email"))
        #expect(contact.phones == [ContactPhone(number: "+1-555-0100", type: "cell")])
    }
}

@Suite(
    "Calendar zone definitions from the corpus",
    .enabled(if: Corpus.exists, "the shared corpus is not checked out beside the package"))
struct CalendarCorpusZoneTests {
    /// The corpus file's VTIMEZONE with one event at `local` in zone `tzid` added to it.
    static func start(_ file: String, tzid: String, local: String) throws -> String? {
        let text = String(decoding: try Corpus.bytes(file), as: UTF8.self)
        let event = "BEGIN:VEVENT\r\nUID:probe\r\nDTSTART;TZID=\(tzid):\(local)\r\nEND:VEVENT\r\n"
        let calendar = text.replacingOccurrences(of: "END:VCALENDAR", with: event + "END:VCALENDAR")
        let result = CalendarParser.parse(
            CalendarFixture.item(Array(calendar.utf8)), defaultTimeZone: nil,
            zoneDatabase: TimeZoneDatabase(directory: "/nonexistent"))
        return result.meetings.first?.start.text
    }

    // The zone switches to -05:00 at 1970-01-01 02:00 local, to -04:00 at 1975-01-01 02:00
    // local, -05:00 from the date 1980-01-01, -04:00 from the date 1985-01-01, then -05:00 at
    // 1990-01-01T07:00Z and -04:00 at 1995-01-01T07:00Z (RDATEs in UTC). 04:00 local on
    // 1990-01-01 is after the UTC switch only when read in -05:00.
    @Test(arguments: [
        ("19770601T120000", "1977-06-01T16:00:00Z"),
        ("19820601T120000", "1982-06-01T17:00:00Z"),
        ("19870601T120000", "1987-06-01T16:00:00Z"),
        ("19900101T040000", "1990-01-01T09:00:00Z"),
        ("19920601T120000", "1992-06-01T17:00:00Z"),
        ("19970601T120000", "1997-06-01T16:00:00Z"),
    ])
    func rdateOnlyZone(local: String, utc: String) throws {
        let file = "ics/icaljs/samples/timezones/Makebelieve/RDATE_test.ics"
        #expect(try CalendarCorpusZoneTests.start(file, tzid: "Makebelieve/RDATE_as_date", local: local) == utc)
    }

    @Test func denverDefinitionAgreesWithTheSystemDatabase() throws {
        let file = "ics/icaljs/samples/timezones/America/Denver.ics"
        for year in 2003...2030 {
            for (month, day) in [(1, 15), (3, 9), (4, 5), (7, 1), (10, 30), (11, 4)] {
                let local = "\(year)" + (month < 10 ? "0" : "") + "\(month)"
                    + (day < 10 ? "0" : "") + "\(day)T120000"
                let fromFile = try CalendarCorpusZoneTests.start(file, tzid: "America/Denver", local: local)
                let fromDatabase = try CalendarFixture.meeting(
                    CalendarFixture.event("DTSTART;TZID=America/Denver:\(local)")).start.text
                #expect(fromFile == fromDatabase, "\(local)")
            }
        }
    }
}
