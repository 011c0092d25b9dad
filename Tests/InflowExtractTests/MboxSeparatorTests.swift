import InflowCore
import InflowExtract
import Testing

@Suite struct MboxSeparatorTests {
    @Test(arguments: [
        ("From a@example.com Mon Jan  5 09:00:00 2026", "2026-01-05T09:00:00Z"),
        ("From a@example.com Mon Jan 15 09:00:00 2026", "2026-01-15T09:00:00Z"),
        ("From 1853466712473707184@xxx Mon Jan 05 09:00:00 +0000 2026", "2026-01-05T09:00:00Z"),
        ("From 1853466712473707184@xxx Mon Jan 05 09:00:00 +0130 2026", "2026-01-05T07:30:00Z"),
        ("From 1853466712473707184@xxx Sun Jan 04 23:00:00 -0200 2026", "2026-01-05T01:00:00Z"),
        ("From MAILER-DAEMON Sun Aug  7 11:40:37 2022 extra info", "2022-08-07T11:40:37Z"),
        ("From - Tue Dec 30 23:59 2025", "2025-12-30T23:59:00Z"),
        ("From -\tWed  Dec 31 10:00:00 2025", "2025-12-31T10:00:00Z"),
        ("From a@example.com Jan  5 09:00:00 2026", "2026-01-05T09:00:00Z"),
    ])
    func readsEnvelopeDates(line: String, iso: String) throws {
        let separator = try #require(MboxSeparator.parse(Array(line.utf8)))
        #expect(separator.date?.iso8601 == iso)
    }

    @Test(arguments: [
        "From a@example.com",
        "From a@example.com yesterday",
        "From a@example.com Mon Foo  5 09:00:00 2026",
        "From a@example.com Mon Feb 30 09:00:00 2026",
        "From a@example.com Mon Jan  5 25:00:00 2026",
        "From a@example.com Mon Jan  5 09:00:00 +0000",
        "From a@example.com Mon Jan  5 09:00:00 26",
    ])
    func unreadableDatesLeaveASeparatorWithoutDate(line: String) throws {
        let separator = try #require(MboxSeparator.parse(Array(line.utf8)))
        #expect(separator.date == nil)
    }

    @Test(arguments: [
        ("From 1853466712473707184@xxx", "1853466712473707184@xxx"),
        ("From - ", "-"),
        ("From MAILER-DAEMON", "MAILER-DAEMON"),
        ("From  bob@example.com  Mon Jan  5 09:00:00 2026", "bob@example.com"),
    ])
    func readsSenderTokens(line: String, sender: String) {
        #expect(MboxSeparator.parse(Array(line.utf8))?.sender == sender)
    }

    @Test(arguments: [
        "From Russia with love", "From time to time", "From: alice@example.com", "From",
        "from a@example.com Mon Jan  5 09:00:00 2026", ">From a@example.com", "From mailer-daemon",
        " From a@example.com",
    ])
    func linesWithoutSenderTokenAreNoSeparators(line: String) {
        #expect(MboxSeparator.parse(Array(line.utf8)) == nil)
    }
}
