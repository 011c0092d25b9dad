import InflowCore
import InflowExtract
import Testing

/// The sample Takeout export in `data/samples/example.com/google-takeout`.
@Suite struct ArchiveSampleTests {
    static let folder = packageRoot + "/data/samples/example.com/google-takeout"
    static let archive = folder + "/takeout-20260115T090000Z-001.tgz"

    @Test func sampleGivesMailCalendarAndContacts() throws {
        var items: [RawItem] = []
        let report = try SourceExtractor().extract(folders: [Self.folder]) { items.append($0) }

        let file = try #require(report.files.first)
        #expect(report.files.count == 1)
        #expect(file.failure == nil)
        #expect(file.entries == 12)
        #expect(file.itemsByType == [.emails: 6, .meetings: 1, .contacts: 2])
        #expect(file.ignored.map(\.entry) == [
            "Takeout/archive_browser.html", "Takeout/Contacts/Clientes/Priya Raman.jpg",
        ])
        #expect(Set(items.map(\.origin.entry)) == [
            "Takeout/E-mail/Todos los correos.mbox", "Takeout/Calendar/alice@example.com.ics",
            "Takeout/Contacts/All Contacts/All Contacts.vcf",
            "Takeout/Contacts/Clientes/Clientes.vcf",
        ])
        #expect(items.allSatisfy { $0.origin.file == Self.archive })
    }

    @Test func sampleMessagesAreFromJanuary2026() throws {
        var dates: [String] = []
        _ = try SourceExtractor().extract(folders: [Self.folder]) { item in
            if let date = item.envelopeDate { dates.append(String(date.iso8601.prefix(7))) }
        }
        #expect(dates == Array(repeating: "2026-01", count: 6))
    }

    @Test func summaryCountsEventsAndCards() throws {
        let summary = try InputSummary.of(folders: [Self.folder])

        var expected = InputSummary()
        expected.archives = 1
        expected.entries = 12
        expected.messages = 6
        expected.events = 6
        expected.cards = 10
        expected.ignored = 2
        #expect(summary == expected)
    }
}
