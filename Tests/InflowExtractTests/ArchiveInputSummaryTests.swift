import InflowCore
import Testing

@testable import InflowExtract

@Suite struct ArchiveInputSummaryTests {
    @Test func looseFilesAndArchivesAreCountedTogether() throws {
        let folder = try TemporaryFolder()
        try folder.write("a/takeout.zip", ArchiveFixtures.takeoutZip)
        try folder.write("b/broken.zip", ArchiveFixtures.corruptZip)
        try folder.write("c/cal.ics", ArchiveFixtureTexts.calendar)
        try folder.write("c/people.vcf", ArchiveFixtureTexts.contacts)
        try folder.write("c/inbox.mbox", ArchiveFixtureTexts.mailbox)
        try folder.write("c/readme.txt", "nothing here\n")

        let summary = try InputSummary.of(folders: [folder.path])

        #expect(summary.archives == 2)
        #expect(summary.entries == 8 + 2)
        #expect(summary.messages == 3 + 1 + 2)
        #expect(summary.events == 2 + 2)
        #expect(summary.cards == 2 + 2)
        #expect(summary.ignored == 3 + 1)
        #expect(summary.rejects == 0)
        #expect(summary.failures.count == 1)
        #expect(summary.failures.first?.contains("broken.zip") == true)
    }

    @Test func missingFolderThrows() {
        #expect(throws: ExtractError.missingInput("/nonexistent/inflow-inputs")) {
            try InputSummary.of(folders: ["/nonexistent/inflow-inputs"])
        }
    }

    @Test(arguments: [
        ("BEGIN:VEVENT\r\nEND:VEVENT\r\nbegin:vevent\nX:BEGIN:VEVENT\n", 2),
        ("BEGIN:VEVENT", 1),
        ("", 0),
        (" BEGIN:VEVENT\n", 0),
    ])
    func linesStartingWithAKeywordAreCounted(text: String, count: Int) {
        #expect(InputSummary.lines(startingWith: "BEGIN:VEVENT", in: Array(text.utf8)) == count)
    }

    @Test func looseCalendarAndContactsAreItemsOfTheirType() throws {
        let folder = try TemporaryFolder()
        try folder.write("cal.ics", ArchiveFixtureTexts.calendar)
        try folder.write("x/people", ArchiveFixtureTexts.contacts)
        try folder.write("empty.vcf", "")

        var items: [RawItem] = []
        let report = try SourceExtractor().extract(folders: [folder.path]) { items.append($0) }

        #expect(report.files.map(\.kind) == [.calendar, .contacts, .contacts])
        #expect(items.map(\.dataType) == [.meetings, .contacts])
        #expect(items.map(\.origin.entry) == [nil, nil])
        #expect(items.map(\.bytes) == [ArchiveFixtureTexts.calendar, ArchiveFixtureTexts.contacts])
        #expect(report.files[1].rejects.map(\.reason) == ["the address book file is empty"])
    }
}
