import InflowCore
import InflowParse
import Testing

@Suite("MIME bodies and attachments")
struct MIMEParsingTests {
    static let nested = Fixture.crlf("""
        From: a@x.test
        Content-Type: multipart/mixed; boundary="ab"

        preamble
        --ab
        Content-Type: multipart/alternative; boundary="ab-alt"

        --ab-alt
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: quoted-printable

        Hello w=C3=B6rld, this is a soft=
         break line.=20
        --ab-alt
        Content-Type: text/html

        <p>Hello</p>
        --ab-alt--
        --ab
        Content-Type: application/pdf; name="report.pdf"
        Content-Transfer-Encoding: base64

        JVBE
        Ri0xLjQK
        --ab--
        epilogue
        """)

    @Test func nestedMultipartWithPrefixBoundaries() throws {
        let root = try EmailParser.parseStructure(Self.nested).get()
        #expect(root.contentType == "multipart/mixed")
        #expect(root.children.map(\.contentType) == ["multipart/alternative", "application/pdf"])
        #expect(root.children[0].children.map(\.contentType) == ["text/plain", "text/html"])
        #expect(root.children[0].children[1].text() == "<p>Hello</p>")
    }

    @Test func quotedPrintableBodyAndBase64Attachment() throws {
        let record = try Fixture.record(Self.nested)
        #expect(record.text == "Hello wörld, this is a soft break line.")
        #expect(record.hasHtml)
        #expect(record.attachments == [
            Attachment(
                filename: "report.pdf", contentType: "application/pdf", size: 9,
                sha256: "e5c62df5dab5c87b6a015ef3d43597074d1eec433b15f51aec63b8582d0e4ab4"),
        ])
        #expect(record.parseNotes.isEmpty)
    }

    @Test func singleByteCharsetBodies() throws {
        let latin1 = Array("Content-Type: text/plain; charset=ISO-8859-1\n\nCaf".utf8)
            + [0xE9, 0x20, 0x63, 0x72, 0xE8, 0x6D, 0x65]
        #expect(try Fixture.record(latin1).text == "Café crème")

        let windows = Array("Content-Type: text/plain; charset=\"windows-1252\"\n\n".utf8)
            + [0x93, 0x71, 0x94, 0x20, 0x80, 0x35]
        #expect(try Fixture.record(windows).text == "\u{201C}q\u{201D} €5")
    }

    @Test func iconvCharsetBody() throws {
        let koi8 = Array("Content-Type: text/plain; charset=koi8-r\n".utf8)
            + Array("Content-Transfer-Encoding: base64\n\n8NLJ18XU\n".utf8)
        #expect(try Fixture.record(koi8).text == "Привет")
    }

    @Test func unknownCharsetLabelsAreGuessedAndNoted() throws {
        let utf8 = try Fixture.record("Content-Type: text/plain; charset=uft-8\n\nGrüße\n")
        #expect(utf8.text == "Grüße")
        #expect(utf8.parseNotes == ["charset 'uft-8' unknown; decoded as UTF-8"])

        let bytes = Array("Content-Type: text/plain; charset=1\n\nCaf".utf8) + [0xE9]
        let cp1252 = try Fixture.record(bytes)
        #expect(cp1252.text == "Café")
        #expect(cp1252.parseNotes == ["charset '1' unknown; decoded as Windows-1252"])
    }

    @Test func invalidUTF8IsReplacedWithANote() throws {
        let bytes = Array("Content-Type: text/plain; charset=utf-8\n\nCaf".utf8) + [0xE9, 0x21]
        let record = try Fixture.record(bytes)
        #expect(record.text == "Caf\u{FFFD}!")
        #expect(record.parseNotes == ["text declared UTF-8 has invalid bytes; replaced with U+FFFD"])
    }

    @Test func hebrewLogicalOrderLabelIsISO88598() throws {
        let bytes = Array("Content-Type: text/plain; charset=iso-8859-8-i\n\n".utf8)
            + [0xF9, 0xEC, 0xE5, 0xED]
        let record = try Fixture.record(bytes)
        #expect(record.text == "שלום")
        #expect(record.parseNotes.isEmpty)
    }

    @Test func htmlBodyIsConvertedWhenThereIsNoPlainText() throws {
        let record = try Fixture.record("""
            Content-Type: text/html; charset=utf-8

            <html><head><title>T</title><style>p {}</style></head><body>
            <p>Hello&nbsp;there   &amp; you</p><div>Line&#8212;two<br>three &#x263A;</div>
            <script>run()</script><ul><li>one</li><li>two</li></ul><!-- gone --></body></html>
            """)
        #expect(record.text == "Hello there & you\nLine—two\nthree ☺\none\ntwo")
        #expect(record.hasHtml)
        #expect(record.attachments.isEmpty)
    }

    @Test func rfc2231AndEncodedWordFilenames() throws {
        let record = try Fixture.record(Fixture.crlf("""
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            See attached.
            --b
            Content-Type: application/pdf
            Content-Disposition: attachment; filename*0*=utf-8''%E2%82%AC%20rates;
             filename*1=".pdf"; filename="fallback.pdf"

            x
            --b
            Content-Type: text/plain; name*=iso-8859-1'en'caf%E9.txt

            y
            --b
            Content-Type: application/msword; name="=?utf-8?Q?r=C3=A9sum=C3=A9.doc?="

            z
            --b--
            """))
        #expect(record.text == "See attached.")
        #expect(record.attachments.map(\.filename) == ["€ rates.pdf", "café.txt", "résumé.doc"])
        #expect(record.attachments.map(\.size) == [1, 1, 1])
    }

    @Test func attachedMessagesAndUndecodableParts() throws {
        let record = try Fixture.record(Fixture.crlf("""
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: message/rfc822

            Subject: Inner note

            hi
            --b
            Content-Type: message/rfc822

            From: x@y.test
            --b
            Content-Type: image/png; name=bad.png
            Content-Transfer-Encoding: base64

            iVBO!w0K
            --b
            Content-Type: application/octet-stream
            Content-Transfer-Encoding: x-uuencode

            begin 644 a
            --b--
            """))
        #expect(record.text == nil)
        #expect(record.attachments == [
            Attachment(
                filename: "Inner note", contentType: "message/rfc822", size: 25,
                sha256: "a385f07699b917db19566ad6fc1bfa56568d0c39ad63b53042a0b8bb87c76585"),
            Attachment(
                filename: "message.eml", contentType: "message/rfc822", size: 14,
                sha256: "353280d657a5eebc68e261df755da941e43cbe36d4f0295a449955a617d34373"),
            Attachment(
                filename: "bad.png", contentType: "image/png", size: nil, sha256: nil,
                error: "base64 body has the invalid byte 0x21 at offset 4"),
            Attachment(
                filename: nil, contentType: "application/octet-stream", size: nil, sha256: nil,
                error: "unsupported Content-Transfer-Encoding 'x-uuencode'"),
        ])
    }

    @Test func partHeadersRunningStraightIntoBase64() throws {
        let record = try Fixture.record(Fixture.crlf("""
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            Report attached.
            --b
            Content-Type: application/x-zip-compressed; name="r.zip"
            Content-Transfer-Encoding: base64
            UEsDBA==
            --b--
            """))
        #expect(record.text == "Report attached.")
        #expect(record.attachments == [
            Attachment(
                filename: "r.zip", contentType: "application/x-zip-compressed", size: 4,
                sha256: "8dcc7e601606217f3b754766511182a916b17e9a26a94c9d887104eba92e9bb2"),
        ])
    }

    @Test func missingClosingBoundaryIsToleratedWithANote() throws {
        let record = try Fixture.record("""
            Content-Type: multipart/alternative; boundary="x y"

            --x y
            Content-Type: text/plain

            first
            --x y
            Content-Type: text/html

            <b>second</b>
            """)
        #expect(record.text == "first")
        #expect(record.hasHtml)
        #expect(record.parseNotes == ["multipart boundary 'x y' has no closing delimiter"])
    }

    @Test func innermostBoundaryWinsAndMissingSemicolonIsTolerated() throws {
        let root = try EmailParser.parseStructure(Array("""
            Content-Type: multipart/mixed
            \tboundary="a--"

            --a--
            Content-Type: multipart/alternative; boundary="a----"

            --a----
            Content-Type: text/plain

            body
            --a----
            Content-Type: text/html

            body2
            --a------
            --a--
            Content-Type: image/gif

            --a----
            """.utf8)).get()
        #expect(root.contentType == "multipart/mixed")
        #expect(root.children.map(\.contentType) == ["multipart/alternative", "image/gif"])
        #expect(root.children[0].children.map { $0.text() } == ["body", "body2"])
    }

    @Test func nestingBeyondTheLimitStopsWithANote() throws {
        var message = ""
        for level in 0...ParseLimits.maxNestingDepth + 2 {
            message += "Content-Type: multipart/mixed; boundary=l\(level)\n\n--l\(level)\n"
        }
        message += "Content-Type: text/plain\n\ndeep\n"
        let record = try Fixture.record("From: a@x.test\n" + message)
        #expect(record.parseNotes.contains("MIME nesting deeper than 32 levels; deeper parts not read"))
        #expect(record.text == nil)
        #expect(record.attachments.count == 1)
    }

    @Test func partsBeyondTheLimitAreNotReadAndNoted() throws {
        let part = "--p\nContent-Type: image/gif\n\nR0lG\n"
        let raw = "Content-Type: multipart/mixed; boundary=p\n\n"
            + String(repeating: part, count: ParseLimits.maxParts + 5) + "--p--\n"
        let record = try Fixture.record(raw)
        #expect(record.attachments.count == ParseLimits.maxParts - 1)
        #expect(record.parseNotes == ["more than 10000 MIME parts; the rest not read"])
    }

    @Test func oversizedTextBodyIsRejected() {
        let body = [UInt8](repeating: UInt8(ascii: "a"), count: ParseLimits.maxDecodedTextBytes + 1)
        let result = EmailParser.parse(Fixture.item(Array("Subject: big\n\n".utf8) + body))
        #expect(throws: EmailParseFailure.self) { try result.get() }
    }
}
