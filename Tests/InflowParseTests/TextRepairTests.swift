import InflowCore
import InflowParse
import Testing

@Suite("Text repairs: NULs, flowed text, vCard soft breaks, attribution lines")
struct TextRepairTests {
    @Test func nulCharactersAreRemovedWithANote() throws {
        let bytes = Fixture.crlf("Subject: s\n\nHel") + [0] + Array("lo".utf8) + [0, 0] + Array("\r\n".utf8)
        let record = try Fixture.record(bytes)

        #expect(record.text == "Hello")
        #expect(record.parseNotes.contains("3 NUL characters removed from the text body"))
    }

    @Test func nulInAnEncodedSubjectIsRemovedWithANote() throws {
        let record = try Fixture.record(Fixture.crlf("Subject: =?utf-8?q?Re=00port?=\n\nHello\n"))

        #expect(record.subject == "Report")
        #expect(record.parseNotes == ["1 NUL character removed from the subject"])
    }

    @Test func textWithoutNULsHasNoNote() throws {
        let record = try Fixture.record(Fixture.crlf("Subject: s\n\nHello\n"))

        #expect(record.parseNotes.isEmpty)
    }

    @Test func flowedTextIsUnwrapped() throws {
        let record = try Fixture.record(Fixture.crlf("""
            Subject: s
            Content-Type: text/plain; charset=utf-8; format=flowed

            This paragraph was wrapped by the\u{20}
            sender's mail program at seventy\u{20}
            columns.
             From the start of a stuffed line.

            On Mon, 5 Jan 2026, Ann <a@x.test> wrote:
            > A quoted line that was\u{20}
            > wrapped too.
            >> Deeper\u{20}
            >> quote.

            """))

        #expect(record.text == """
            This paragraph was wrapped by the sender's mail program at seventy columns.
            From the start of a stuffed line.
            """)
        #expect(record.quotedText == """
            On Mon, 5 Jan 2026, Ann <a@x.test> wrote:
            > A quoted line that was wrapped too.
            >> Deeper quote.
            """)
    }

    @Test func flowedTextWithDelSpDropsTheWrappingSpace() throws {
        let record = try Fixture.record(Fixture.crlf("""
            Subject: s
            Content-Type: text/plain; format=Flowed; DelSp=Yes

            Donau\u{20}
            dampfschiff\u{20}
            fahrt ends here.
            --\u{20}
            Sig

            """))

        #expect(record.text == "Donaudampfschifffahrt ends here.")
        #expect(record.signature == "Sig")
    }

    @Test func fixedTextKeepsItsLineBreaks() throws {
        let record = try Fixture.record(Fixture.crlf("Subject: s\n\nwrapped by hand\u{20}\nsecond line\n"))

        #expect(record.text == "wrapped by hand \nsecond line")
    }

    @Test func indentedLineAfterAQuotedPrintableSoftBreak() throws {
        let contact = try ContactFixture.contact("""
            BEGIN:VCARD
            VERSION:2.1
            FN:Pat Example
            NOTE;ENCODING=QUOTED-PRINTABLE:first=0D=0Aline=
             continues=20here=
              and more=
            unindented end
            END:VCARD
            """)

        #expect(contact.note == "first\r\nlinecontinues here and moreunindented end")
        #expect(contact.name.full == "Pat Example")
    }

    @Test(arguments: [
        "Am Mo., 5. Jan. 2026 um 09:00 Uhr schrieb Ann Example <ann@example.com>:",
        "Le lun. 5 janv. 2026 à 09:00, Ann Example <ann@example.com> a écrit :",
        "El lun, 5 ene 2026 a las 9:00, Ann Example (<ann@example.com>) escribió:",
    ])
    func attributionLineStartsTheQuotedHistory(attribution: String) throws {
        let record = try Fixture.record(Fixture.crlf("Subject: s\n\nDanke.\n\n\(attribution)\n> Frage?\n"))

        #expect(record.text == "Danke.")
        #expect(record.quotedText == attribution + "\n> Frage?")
    }

    @Test func wrappedGermanAttributionLineBelongsToTheQuote() throws {
        let record = try Fixture.record(Fixture.crlf("""
            Subject: s

            Ja.

            Am Mo., 5. Jan. 2026 um 09:00 Uhr
            schrieb Ann Example <ann@example.com>:
            > Frage?

            """))

        #expect(record.text == "Ja.")
        #expect(record.quotedText?.hasPrefix("Am Mo., 5. Jan. 2026 um 09:00 Uhr\nschrieb") == true)
    }

    @Test func lineEndingInAColonWithoutAVerbIsText() throws {
        let record = try Fixture.record(Fixture.crlf("Subject: s\n\nLe point important :\n> cité\n"))

        #expect(record.text == "Le point important :")
        #expect(record.quotedText == "> cité")
    }
}
