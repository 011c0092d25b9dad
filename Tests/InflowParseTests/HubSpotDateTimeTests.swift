import InflowCore
import InflowParse
import Testing

@Suite struct HubSpotDateTimeTests {
    @Test(arguments: [
        ("1526573033537", "2018-05-17T16:03:53.537Z"),
        ("2021-02-10 21:38:59", "2021-02-10T21:38:59Z"),
        ("2021-10-14T19:39:27.105Z", "2021-10-14T19:39:27.105Z"),
        ("2021-10-14T21:39:27+02:00", "2021-10-14T19:39:27Z"),
        (" 0 ", "1970-01-01T00:00:00Z"),
    ])
    func utcForms(text: String, expected: String) {
        #expect(HubSpotDateTime.parse(text, timeZone: nil)?.iso8601 == expected)
        #expect(HubSpotDateTime.parse(text, timeZone: "Asia/Tokyo")?.iso8601 == expected)
    }

    @Test(arguments: [
        ("2025-11-28 16:14", "America/New_York", "2025-11-28T21:14:00Z"),
        ("2025-12-30 18:19", "America/New_York", "2025-12-30T23:19:00Z"),
        ("2025-07-01 09:30", "America/New_York", "2025-07-01T13:30:00Z"),
        ("2025-07-01 09:30", "Europe/Berlin", "2025-07-01T07:30:00Z"),
        ("2025-11-28T16:14", "UTC", "2025-11-28T16:14:00Z"),
    ])
    func uiExportIsWallTimeInTheUsersZone(text: String, zone: String, expected: String) {
        #expect(HubSpotDateTime.parse(text, timeZone: zone)?.iso8601 == expected)
    }

    @Test func uiExportWithoutAKnownZoneIsNeverUTC() {
        #expect(HubSpotDateTime.parse("2025-11-28 16:14", timeZone: nil) == nil)
        #expect(HubSpotDateTime.parse("2025-11-28 16:14", timeZone: "Mars/Olympus") == nil)
    }

    @Test(arguments: ["", "yesterday", "2021-02-10", "2021-02-30 10:00:00", "1234567890123456", "12:00"])
    func otherTextIsNotADate(text: String) {
        #expect(HubSpotDateTime.parse(text, timeZone: "UTC") == nil)
    }

    @Test func oneReaderPerExportReadsItsZoneOnce() {
        let reader = HubSpotDateTime(timeZone: "America/New_York")

        #expect(reader.parse("2025-11-28 16:14")?.iso8601 == "2025-11-28T21:14:00Z")
        #expect(reader.parse("2021-02-10 21:38:59")?.iso8601 == "2021-02-10T21:38:59Z")
        #expect(HubSpotDateTime(timeZone: nil).parse("2025-11-28 16:14") == nil)
    }
}
