import InflowCore
import Testing

@Suite struct TimestampTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (Int64(951_782_400_000), "2000-02-29T00:00:00Z"),
        (Int64(1_767_603_600_000), "2026-01-05T09:00:00Z"),
        (Int64(1_526_573_033_537), "2018-05-17T16:03:53.537Z"),
        (Int64(-1000), "1969-12-31T23:59:59Z"),
    ])
    func formatsISO8601(millis: Int64, expected: String) {
        #expect(Timestamp(millis: millis).iso8601 == expected)
    }

    @Test func parsesDateTimesWithZones() throws {
        let plus = try #require(Timestamp.parseISO8601("2025-08-06T09:00:00+02:00"))
        #expect(plus.timestamp.iso8601 == "2025-08-06T07:00:00Z")
        #expect(!plus.dateOnly)
        let fraction = try #require(Timestamp.parseISO8601("2021-10-14T19:39:27.105Z"))
        #expect(fraction.timestamp.millis == 1_634_240_367_105)
        let spaced = try #require(Timestamp.parseISO8601("2021-02-10 21:38:59"))
        #expect(spaced.timestamp.iso8601 == "2021-02-10T21:38:59Z")
    }

    @Test func parsesBareDatesAsMidnight() throws {
        let parsed = try #require(Timestamp.parseISO8601("2026-01-31"))
        #expect(parsed.dateOnly)
        #expect(parsed.timestamp.iso8601 == "2026-01-31T00:00:00Z")
    }

    @Test(arguments: ["2026-13-01", "2026-02-30", "2026-01-05T25:00", "yesterday", "2026-01-05T09:00:00+0"])
    func rejectsInvalidDates(text: String) {
        #expect(Timestamp.parseISO8601(text) == nil)
    }

    @Test func namesDaysAndMonthsInUTC() {
        let stamp = Timestamp(millis: 1_767_571_199_000)
        #expect(stamp.dayString == "2026-01-04")
        #expect(stamp.monthString == "2026-01")
        #expect(stamp.startOfDay.iso8601 == "2026-01-04T00:00:00Z")
    }

    @Test func convertsCivilDatesBothWays() {
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let civil = Timestamp.civilFromDays(days)
            #expect(Timestamp.daysFromCivil(year: civil.year, month: civil.month, day: civil.day) == days)
        }
    }
}
