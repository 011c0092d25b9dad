import InflowCore
import InflowExtract
import Testing

@Suite struct SampleMailboxTests {
    static let google = packageRoot + "/data/samples/example.com/google"

    static let mailbox = google + "/mail/All mail Including Spam and Trash.mbox"

    @Test func mailboxSplitsIntoTheMessagesWritten() throws {
        let found = try splitFile(SampleMailboxTests.mailbox)
        #expect(found.count == 36)
        #expect(found.first?.envelopeDate?.iso8601 == "2025-11-04T15:03:11Z")
        #expect(found.last?.envelopeDate?.iso8601 == "2026-01-12T10:00:00Z")
        #expect(found.allSatisfy { $0.bytes.starts(with: "X-GM-THRID: ".utf8) })
        #expect(found.allSatisfy { $0.envelopeSender.hasSuffix("@xxx") })
        let dates = found.compactMap(\.envelopeDate)
        #expect(dates.count == 36)
        #expect(dates == dates.sorted())
    }

    @Test(arguments: [7, 64, 1000, 65_536])
    func chunkSizeDoesNotChangeTheSplit(chunkSize: Int) throws {
        let whole = try splitFile(SampleMailboxTests.mailbox)
        #expect(try splitFile(SampleMailboxTests.mailbox, chunkSize: chunkSize) == whole)
    }

    @Test func crlfMessagesAndTheEscapedLineComeThrough() throws {
        let found = try splitFile(SampleMailboxTests.mailbox)
        let crlf = found.indices.filter { found[$0].bytes.contains(13) }
        #expect(crlf == [11, 18])
        let reply = String(decoding: found[30].bytes, as: UTF8.self)
        #expect(reply.contains("\n\nFrom our side, everything is ready for the pilot.\n"))
        #expect(found.allSatisfy { $0.bytes.last == 10 })
    }

    @Test func sampleFolderYieldsTheMailboxAndTheLooseMessage() throws {
        var items: [RawItem] = []
        let report = try SourceExtractor().extract(folders: [SampleMailboxTests.google]) { items.append($0) }
        #expect(items.count == 37)
        #expect(report.ignored.isEmpty)
        #expect(report.files.map(\.path) == [
            SampleMailboxTests.google + "/forwarded/quote-request.eml", SampleMailboxTests.mailbox,
        ])
        #expect(report.files.map(\.items) == [1, 36])
        #expect(report.files.allSatisfy { $0.rejects.isEmpty && $0.failure == nil })
    }
}
