import InflowCore
import InflowParse
import Testing

/// Builds contact items from fixture text.
enum ContactFixture {
    /// A raw contacts item holding `bytes`.
    static func item(_ bytes: [UInt8]) -> RawItem {
        RawItem(
            source: .google, dataType: .contacts,
            origin: Origin(file: "fixture.vcf", offset: 0, sha256: "abc123"), bytes: bytes)
    }

    /// Parses LF-separated `text`, stored with CRLF line ends.
    static func parse(_ text: String) -> ContactParseResult {
        ContactParser.parse(item(Fixture.crlf(text)))
    }

    /// Parses `text` and requires exactly one contact and no rejects.
    static func contact(_ text: String) throws -> ContactRecord {
        let result = parse(text)
        #expect(result.rejects.isEmpty, "\(result.rejects)")
        return try #require(result.contacts.count == 1 ? result.contacts.first : nil)
    }
}

@Suite("Contact parser")
struct ContactParserTests {
    @Test func googleExportVersion3() throws {
        let photo = String(repeating: " QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\n", count: 2000)
        let contact = try ContactFixture.contact("""
            BEGIN:VCARD
            VERSION:3.0
            FN:Bo Chen
            N:Chen;Bo;;;
            EMAIL;TYPE=INTERNET;TYPE=WORK:Bo@Example.org
            item1.EMAIL;TYPE=INTERNET:bo.chen@example.net
            item1.X-ABLabel:Old
            TEL;TYPE=CELL:+1 555 0100
            TEL;TYPE=WORK,VOICE:+1 555 0101
            PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ
            \(photo)ORG:Example Org;Sales
            TITLE:Buyer
            NOTE:Met at the fair\\, booth 4.\\nPrefers email\\; not calls. Folded li
             ne joined.
            CATEGORIES:myContacts,Vendors
            CATEGORIES:Vendors,starred
            END:VCARD
            """)
        #expect(contact.id == "vcard:99b523395e275d7c69fe7beb315f5e818a5988402323da01212f98aecf7a3be7")
        #expect(contact.name == ContactName(full: "Bo Chen", family: "Chen", given: "Bo"))
        #expect(contact.emails == [
            ContactEmail(address: "bo@example.org", type: "work"),
            ContactEmail(address: "bo.chen@example.net", type: "Old"),
        ])
        #expect(contact.phones == [
            ContactPhone(number: "+1 555 0100", type: "cell"),
            ContactPhone(number: "+1 555 0101", type: "work"),
        ])
        #expect(contact.organization == "Example Org")
        #expect(contact.title == "Buyer")
        #expect(contact.note == "Met at the fair, booth 4.\nPrefers email; not calls. Folded line joined.")
        #expect(contact.categories == ["myContacts", "Vendors", "starred"])
        #expect(contact.parseNotes.isEmpty)
        #expect(contact.partitionDate == nil)
    }

    @Test func version21QuotedPrintableWithCharsetAndBareTypes() throws {
        let contact = try ContactFixture.contact("""
            BEGIN:VCARD
            VERSION:2.1
            N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=F6rg;;;
            FN;CHARSET=UTF-8;QUOTED-PRINTABLE:J=C3=B6rg M=C3=BCller
            TEL;CELL:+49 170 0000
            TEL;WORK;VOICE;PREF:+49 30 0000
            TEL;HOME;FAX:+49 30 0001
            EMAIL;INTERNET;PREF:J.Mueller@Example.com
            NOTE;ENCODING=QUOTED-PRINTABLE:Erste Zeile=0D=0AZweite Zeile mit einem sehr langen =
            Satz, der weitergeht =
            und einger=C3=BCckt endet
            ORG:Beispiel GmbH
            END:VCARD
            """)
        #expect(contact.name == ContactName(full: "Jörg Müller", family: "Müller", given: "Jörg"))
        #expect(contact.phones == [
            ContactPhone(number: "+49 170 0000", type: "cell"),
            ContactPhone(number: "+49 30 0000", type: "work"),
            ContactPhone(number: "+49 30 0001", type: "home,fax"),
        ])
        #expect(contact.emails == [ContactEmail(address: "j.mueller@example.com", type: nil)])
        #expect(contact.note == "Erste Zeile\r\nZweite Zeile mit einem sehr langen Satz, der weitergeht"
            + " und eingerückt endet")
        #expect(contact.id == "vcard:02f0bd5ec704dd7d78cfb731c0bdb959e2bf21b0919295c0cebc05feef44f64b")
    }

    @Test func version21PhotoWithUnindentedBase64IsSkipped() throws {
        let contact = try ContactFixture.contact("""
            BEGIN:VCARD
            VERSION:2.1
            FN:Pat Example
            PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQEASABIAAD
            /2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQ
            EBAQEBAQ

            EMAIL;HOME:pat@example.com
            END:VCARD
            """)
        #expect(contact.name.full == "Pat Example")
        #expect(contact.emails == [ContactEmail(address: "pat@example.com", type: "home")])
    }

    @Test func version4WithUIDAndURIValues() throws {
        let contact = try ContactFixture.contact("""
            BEGIN:VCARD
            VERSION:4.0
            UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1
            FN:Simon Perreault
            N:Perreault;Simon;;;ing. jr,M.Sc.
            TEL;VALUE=uri;PREF=1;TYPE="voice,home":tel:+1-555-555-5555;ext=5555
            TEL;VALUE=uri;TYPE=home:tel:+33-01-23-45-67
            EMAIL;TYPE=work:simon.perreault@viagenie.ca
            ORG:Viagenie
            END:VCARD
            """)
        #expect(contact.id == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1")
        #expect(contact.name == ContactName(full: "Simon Perreault", family: "Perreault", given: "Simon"))
        #expect(contact.phones == [
            ContactPhone(number: "+1-555-555-5555;ext=5555", type: "home"),
            ContactPhone(number: "+33-01-23-45-67", type: "home"),
        ])
        #expect(contact.emails == [ContactEmail(address: "simon.perreault@viagenie.ca", type: "work")])
        #expect(contact.organization == "Viagenie")
    }

    @Test func cardsGetTheirOwnOffsetsAndBrokenCardsAreRejected() {
        let result = ContactFixture.parse("""
            BEGIN:VCARD
            FN:A
            END:VCARD
            junk between cards
            BEGIN:VCARD
            FN:B
            BEGIN:VCARD
            FN:C
            NOTE;ENCODING=QUOTED-PRINTABLE:ends in a soft break=
            END:VCARD
            BEGIN:VCARD
            FN:D
            """)
        #expect(result.contacts.map(\.name.full) == ["A", "C"])
        // "BEGIN:VCARD\r\n" is 13 bytes, "FN:A\r\n" 6, "END:VCARD\r\n" 11, the junk line 20,
        // "FN:B\r\n" 6: card C starts at 13+6+11+20+13+6 = 69.
        #expect(result.contacts.map(\.origin.offset) == [0, 69])
        #expect(result.contacts[1].note == "ends in a soft break")
        #expect(result.rejects == [
            ComponentReject(line: 5, reason: "VCARD at line 5 is never closed by END:VCARD"),
            ComponentReject(line: 11, reason: "VCARD at line 11 is never closed by END:VCARD"),
        ])
    }

    @Test func cardWithoutNameOrEmailIsKeyedByItsBytes() throws {
        let result = ContactFixture.parse("BEGIN:VCARD\nTEL:1\nEND:VCARD\nBEGIN:VCARD\nTEL:2\nEND:VCARD\n")
        #expect(result.contacts.count == 2)
        #expect(result.contacts[0].id == "vcard:" + result.contacts[0].origin.sha256)
        #expect(result.contacts[0].id != result.contacts[1].id)
    }

    @Test func overlongLineRejectsTheCard() {
        let long = "NOTE:" + String(repeating: "x", count: ContactLimits.maxLineBytes)
        let result = ContactFixture.parse("BEGIN:VCARD\nFN:A\n\(long)\nEND:VCARD\n")
        #expect(result.contacts.isEmpty)
        #expect(result.rejects.first?.reason == "VCARD at line 1: line 3 is longer than 1048576 bytes")
    }

    @Test func garbageDoesNotCrash() {
        let garbage: [UInt8] = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }
        #expect(ContactParser.parse(ContactFixture.item(garbage)).contacts.isEmpty)
        #expect(ContactParser.parse(ContactFixture.item([])) == ContactParseResult(contacts: [], rejects: []))
        let soft = ContactFixture.parse("BEGIN:VCARD\nNOTE;QUOTED-PRINTABLE:=\n=\n=\n")
        #expect(soft.rejects.count == 1)
    }

    @Test func recordRoundTripsThroughJSON() throws {
        var contact = try ContactFixture.contact("""
            BEGIN:VCARD
            VERSION:3.0
            FN:Bo Chen
            N:Chen;Bo;;;
            EMAIL;TYPE=WORK:bo@example.org
            TEL;TYPE=CELL:+1 555 0100
            ORG:Example Org
            CATEGORIES:a,b
            END:VCARD
            """)
        contact.parseNotes = ["a note"]
        let json = contact.json
        #expect(json.objectValue?.keys == [
            "id", "type", "source", "origin", "name", "emails", "phones", "organization", "title",
            "note", "categories", "parseNotes",
        ])
        #expect(try ContactRecord(json: json) == contact)
    }
}

@Suite("Contact parser on broken input")
struct ContactMutationTests {
    @Test func mutatedCardsNeverCrash() throws {
        let text = """
            BEGIN:VCARD
            VERSION:2.1
            N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=F6rg;;;
            FN:Jörg
            item1.EMAIL;TYPE=INTERNET:j@example.com
            item1.X-ABLabel:Old
            TEL;WORK;VOICE:+49 30 0000
            NOTE;ENCODING=QUOTED-PRINTABLE:a=
            b=3D
            PHOTO;ENCODING=BASE64:QUJD
             REVG
            CATEGORIES:a,b\\,c
            END:VCARD
            """
        var read = 0
        for input in Mutations.of(Fixture.crlf(text), count: 3000) {
            let result = ContactParser.parse(ContactFixture.item(input))
            read += result.contacts.count + result.rejects.count
        }
        #expect(read > 2000)
    }
}
