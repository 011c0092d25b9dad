import InflowCore
import InflowExtract
import Testing

struct Stop: Error {}

@Suite struct MailExtractorTests {
    /// Extracts `folder` and returns the items with the report.
    func run(_ folder: TemporaryFolder, limits: ExtractLimits = ExtractLimits()) throws
        -> ([RawItem], ExtractReport)
    {
        var items: [RawItem] = []
        let report = try SourceExtractor(limits: limits).extract(folders: [folder.path]) {
            items.append($0)
        }
        return (items, report)
    }

    @Test func mailboxesAndMessagesBecomeRawItemsWithOrigins() throws {
        let folder = try TemporaryFolder()
        let box = try folder.write("mail/box.mbox", MboxSplitterTests.twoMessages)
        let eml = try folder.write("mail/zz.eml", "From: a@example.com\nSubject: hi\n\nHello\n")
        try folder.write("mail/readme.txt", "Nothing to see.\n")

        let (items, report) = try run(folder)
        try #require(items.count == 3)
        // Digests of the message bytes, computed with sha256sum.
        #expect(items[0].origin == Origin(
            file: box, offset: 0,
            sha256: "70a4e543c31e9864c7a703ce20ba808ecb8a9c60e2df0319ad77a683aa27c769"))
        #expect(items[1].origin.offset == 73)
        #expect(items[2].origin == Origin(
            file: eml, sha256: "2b897fef72d47593dde4ba0c7536045d3eeed2207c691d1b2657f0977cd9648d"))
        #expect(items.allSatisfy { $0.source == .google && $0.dataType == .emails })
        #expect(items[0].envelopeSender == "alice@example.com")
        #expect(items[0].envelopeDate?.iso8601 == "2026-01-05T09:00:00Z")
        #expect(items[2].envelopeSender == nil)
        #expect(String(decoding: items[0].bytes, as: UTF8.self) == "Subject: one\n\nBody one.\n")

        #expect(report.items == 3)
        #expect(report.files.map(\.items) == [2, 1])
        #expect(report.ignored.map(\.path) == [folder.path + "/mail/readme.txt"])
    }

    @Test func aFileThatIsNotAMailboxFailsAloneAndLaterFilesAreRead() throws {
        let folder = try TemporaryFolder()
        let bad = try folder.write("a.mbox", "Subject: not a mailbox\n\nFrom a@example.com\n")
        try folder.write("b.eml", "From: a@example.com\n\nHi\n")

        let (items, report) = try run(folder)
        #expect(items.count == 1)
        #expect(report.files.map(\.failure) == [.notAMailbox(bad), nil])
    }

    @Test func oversizeAndEmptyMessagesAreRejectedAtExtract() throws {
        let folder = try TemporaryFolder()
        let body = String(repeating: "x", count: 50)
        let box = try folder.write("box.mbox", "From a@example.com\n\n" + body + "\n")
        let big = try folder.write("big.eml", String(repeating: "y", count: 41))
        let empty = try folder.write("empty.eml", "")

        let (items, report) = try run(folder, limits: ExtractLimits(maxMessageBytes: 40))
        #expect(items.isEmpty)
        let rejects = report.files.flatMap(\.rejects)
        #expect(rejects.map(\.origin.file) == [big, box, empty])
        #expect(rejects.map(\.origin.offset) == [nil, 0, nil])
        #expect(rejects.allSatisfy { $0.stage == "extract" && $0.dataType == .emails })
        #expect(rejects.map(\.reason) == [
            "the message has 41 bytes, more than the limit of 40 bytes per message",
            "the message has 52 bytes, more than the limit of 40 bytes per message",
            "the message file is empty",
        ])
        // `printf '' | sha256sum`
        let emptyDigest = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        #expect(rejects[2].origin.sha256 == emptyDigest)
    }

    @Test func anErrorFromTheCallbackStopsExtraction() throws {
        let folder = try TemporaryFolder()
        try folder.write("box.mbox", MboxSplitterTests.twoMessages)
        var seen = 0
        #expect(throws: Stop.self) {
            try SourceExtractor().extract(folders: [folder.path]) { _ in
                seen += 1
                throw Stop()
            }
        }
        #expect(seen == 1)
    }
}
