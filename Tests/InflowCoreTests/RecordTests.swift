import InflowCore
import Testing

@Suite struct RecordTests {
    @Test func rawItemKeepsUTF8AsTextAndOtherBytesAsBase64() throws {
        let origin = Origin(file: "/in/a.mbox", offset: 12, sha256: "ab")
        let text = RawItem(source: .google, dataType: .emails, origin: origin, bytes: Array("Hi é".utf8))
        let binary = RawItem(source: .google, dataType: .emails, origin: origin, bytes: [0x48, 0xE9, 0xFF])
        #expect(text.json.objectValue?.string("encoding") == "utf8")
        #expect(binary.json.objectValue?.string("raw") == "SOn/")
        #expect(try RawItem(json: text.json) == text)
        #expect(try RawItem(json: binary.json) == binary)
    }

    @Test func emailRecordRoundTripsThroughJSON() throws {
        var email = EmailRecord(id: "m1@example.com", source: .google,
                                origin: Origin(file: "f", sha256: "00"), sizeBytes: 10)
        email.from = Address(name: "Ann", address: "Ann@Example.COM")
        email.to = [Address(name: nil, address: "b@x.io")]
        email.date = Timestamp(seconds: 1_767_603_600)
        email.attachments = [Attachment(filename: "a.pdf", contentType: "application/pdf", size: 3, sha256: "cd")]
        email.labels = ["Inbox", "Travel, 2023"]
        var enrichment = Enrichment(direction: .inbound)
        enrichment.sentiment = Sentiment(compound: 0.5, pos: 0.3, neu: 0.7, neg: 0)
        email.enrichment = enrichment
        let json = email.json
        #expect(json.objectValue?.string("date") == "2026-01-05T09:00:00Z")
        #expect(json.objectValue?.object("from")?.string("address") == "ann@example.com")
        #expect(json.objectValue?.object("sentiment")?.double("score") == 0.75)
        #expect(try EmailRecord(json: json) == email)
    }

    @Test func base64DecodesLenientlyAndStrictly() {
        #expect(Base64.decodeLenient(Array("SGVs\r\nbG8=".utf8)) == Array("Hello".utf8))
        #expect(Base64.decode(Array("SGVsbG8=".utf8)) == Array("Hello".utf8))
        #expect(Base64.decode(Array("SGV*".utf8)) == nil)
        #expect(Base64.encode(Array("Hello".utf8)) == "SGVsbG8=")
    }
}

@Suite struct LedgerRowTests {
    @Test func balancesOnlyWhenEveryItemIsAccountedFor() {
        var row = Ledger.Row()
        row.seen = 5
        row.reloaded = 1
        row.added = 3
        row.unchanged = 2
        row.rejected = 1
        row.deleted = 4
        #expect(row.balances)
        row.unchanged = 1
        #expect(!row.balances)
    }
}
