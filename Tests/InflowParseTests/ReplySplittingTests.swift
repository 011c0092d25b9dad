import InflowCore
import InflowParse
import Testing

@Suite("New text, quoted history and signature")
struct ReplySplittingTests {
    private func split(_ body: String) throws -> EmailRecord {
        try Fixture.record(Fixture.crlf("Subject: s\n\n" + body))
    }

    @Test func replyWithSignatureAndAttributedQuote() throws {
        let record = try split("""
            Thanks, see you Monday.

            --\u{20}
            Bo Chen
            Example Org

            On Mon, 5 Jan 2026 at 09:00, Ann <a@x.test> wrote:
            > Can we meet?
            >
            > Ann

            """)
        #expect(record.text == "Thanks, see you Monday.")
        #expect(record.signature == "Bo Chen\nExample Org")
        #expect(
            record.quotedText
                == "On Mon, 5 Jan 2026 at 09:00, Ann <a@x.test> wrote:\n> Can we meet?\n>\n> Ann")
    }

    @Test func wrappedAttributionLineBelongsToTheQuote() throws {
        let record = try split("""
            Yes.

            On Mon, 5 Jan 2026 at 09:00, Ann Example <ann@example.com>
            wrote:
            > question
            """)
        #expect(record.text == "Yes.")
        #expect(
            record.quotedText
                == "On Mon, 5 Jan 2026 at 09:00, Ann Example <ann@example.com>\nwrote:\n> question")
        #expect(record.signature == nil)
    }

    @Test func outlookOriginalMessageStartsTheQuote() throws {
        let record = try split("""
            Sounds good.
            --
            Ann

            -----Original Message-----
            From: Bo
            Subject: Meet?

            Can we meet?
            """)
        #expect(record.text == "Sounds good.")
        #expect(record.signature == "Ann")
        #expect(
            record.quotedText
                == "-----Original Message-----\nFrom: Bo\nSubject: Meet?\n\nCan we meet?")
    }

    @Test func plainTextHasNeitherQuoteNorSignature() throws {
        let record = try split("Line one\n> not trailing\nLine three  \n\n")
        #expect(record.text == "Line one\n> not trailing\nLine three")
        #expect(record.quotedText == nil)
        #expect(record.signature == nil)
    }
}
