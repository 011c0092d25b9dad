import InflowCore
import InflowParse
import Testing

@Suite("Email headers")
struct HeaderParsingTests {
    @Test func foldedHeadersUnfoldWithMixedLineEndings() throws {
        let raw = "Subject: a long\r\n subject line\nFROM: Ann <ann@example.com>\r\n"
            + "Message-ID:\r\n <folded@example.com>\n\r\nbody\n"
        let record = try Fixture.record(raw)
        #expect(record.subject == "a long subject line")
        #expect(record.from == Address(name: "Ann", address: "ann@example.com"))
        #expect(record.messageId == "folded@example.com")
        #expect(record.id == "folded@example.com")
    }

    @Test func headerBlockEndsAtFirstLineThatIsNotAField() throws {
        let record = try Fixture.record("Subject: no blank line\nthis is body text\n")
        #expect(record.subject == "no blank line")
        #expect(record.text == "this is body text")
    }

    @Test func mboxSeparatorOnTopIsSkippedButNotInParts() throws {
        let record = try Fixture.record("""
            From 1845000000000000001@xxx Tue Mar 03 14:05:09 +0000 2026
            Subject: after the separator
            Content-Type: multipart/mixed; boundary=b

            --b
            From the desk of Ann: hello
            --b--
            """)
        #expect(record.subject == "after the separator")
        #expect(record.text == "From the desk of Ann: hello")
    }

    @Test func bytesWithoutHeaderFieldsAreRejected() {
        let result = EmailParser.parse(Fixture.item(Array("just some text\nmore text\n".utf8)))
        guard case .failure(let failure) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.reason.hasPrefix("no header fields found"))
    }

    @Test func tooManyHeaderFieldsAreRejected() {
        let raw = String(repeating: "X-A: b\n", count: ParseLimits.maxHeaderFields + 1) + "\nbody"
        let result = EmailParser.parse(Fixture.item(Array(raw.utf8)))
        #expect(throws: EmailParseFailure.self) { try result.get() }
    }

    @Test func overlongHeaderFieldIsRejected() {
        let value = String(repeating: "a", count: ParseLimits.maxHeaderFieldBytes)
        let result = EmailParser.parse(Fixture.item(Array("Subject: \(value)\n more\n\nbody".utf8)))
        #expect(throws: EmailParseFailure.self) { try result.get() }
    }

    @Test(arguments: [
        ("=?utf-8?Q?Gr=C3=BC=C3=9Fe?=", "Grüße"),
        ("=?ISO-8859-1?B?R3L832U=?=", "Grüße"),
        ("=?utf-8?q?a?= =?utf-8?q?b?=", "ab"),
        ("=?utf-8?q?a?=\n =?utf-8?q?_b?=", "a b"),
        ("=?utf-8?B?4oI=?= =?utf-8?B?rA==?= due", "€ due"),
        ("Re: =?koi8-r?B?8NLJ18XU?= all", "Re: Привет all"),
        ("plain =?utf-8?x?bad?= word", "plain =?utf-8?x?bad?= word"),
    ])
    func encodedWordsDecode(header: String, expected: String) throws {
        let record = try Fixture.record("Subject: \(header)\n\nbody\n")
        #expect(record.subject == expected)
    }

    @Test func encodedCommaInDisplayNameDoesNotSplitTheMailbox() throws {
        let record = try Fixture.record(
            "From: =?iso-8859-1?Q?M=FCller=2C_J=F6rg?= <J.Mueller@Example.com>\n"
                + "To: =?UTF-8?Q?Doe=2C_Jane?= <jane@example.com>, plain@example.net\n"
                + "Cc: \"Roe, \\\"Johnny\\\"\" <john@example.com> (work)\n\nbody\n")
        #expect(record.from == Address(name: "Müller, Jörg", address: "j.mueller@example.com"))
        #expect(record.to == [
            Address(name: "Doe, Jane", address: "jane@example.com"),
            Address(name: nil, address: "plain@example.net"),
        ])
        #expect(record.cc == [Address(name: "Roe, \"Johnny\"", address: "john@example.com")])
    }

    @Test func groupsCommentsAndBareAddressesFlatten() throws {
        let record = try Fixture.record(
            "To: Team: a@x.test, Bo <b@y.test>;, undisclosed-recipients:;, c@z.test (Cy)\n"
                + "Bcc: <@route.test:d@w.test>\nReply-To: Pete(A \\) chap) <pete@x.test>\n\nbody\n")
        #expect(record.to == [
            Address(name: nil, address: "a@x.test"), Address(name: "Bo", address: "b@y.test"),
            Address(name: "Cy", address: "c@z.test"),
        ])
        #expect(record.bcc == [Address(name: nil, address: "d@w.test")])
        #expect(record.replyTo == [Address(name: "Pete", address: "pete@x.test")])
    }

    @Test func wordsWithoutAnAtSignAreNotAddresses() throws {
        let record = try Fixture.record("From: Whomever\nTo: Someone, b@x.test\n\nbody\n")
        #expect(record.from == nil)
        #expect(record.to == [Address(name: nil, address: "b@x.test")])
    }

    @Test(arguments: [
        ("Mon, 5 Jan 2026 09:00:00 +0100", "2026-01-05T08:00:00Z"),
        ("5 Jan 2026 09:00 -0330", "2026-01-05T12:30:00Z"),
        ("Thu, 13 Feb 69 23:32:54 EST", "1969-02-14T04:32:54Z"),
        ("21 Nov 97 09:55:06 GMT", "1997-11-21T09:55:06Z"),
        ("Sun, 27 Oct 02 23:57:07 PDT", "2002-10-28T06:57:07Z"),
        ("Tue, 1 Jul 2003 (comment (nested)) 10:52:37 CDT", "2003-07-01T15:52:37Z"),
        ("Thu, 10 Jul 1997 14:53:31 A", "1997-07-10T14:53:31Z"),
        ("Wed, 27 Jun 49 04:11 UT", "2049-06-27T04:11:00Z"),
        ("Mon Jan  5 09:00:00 2026", "2026-01-05T09:00:00Z"),
        ("Fri, 2 Jan 2026 10:00:00 MST", "2026-01-02T17:00:00Z"),
    ])
    func datesConvertToUTC(header: String, expected: String) throws {
        #expect(try Fixture.date(header) == expected)
    }

    @Test(arguments: ["5 Jan 999999999 09:00:00 +0000", "31 Feb 2026 09:00:00 +0000", "5 Jan 2026"])
    func outOfRangeOrIncompleteDatesAreNil(header: String) throws {
        #expect(try Fixture.date(header) == nil)
    }

    @Test func unreadableDateIsNilWithANote() throws {
        let record = try EmailParser.parse(
            Fixture.item(Array("Date: 7 Bog 2026 19:14:51 +0000\n\nbody\n".utf8),
                envelopeDate: Timestamp(seconds: 1_767_600_000))
        ).get()
        #expect(record.date == nil)
        #expect(record.envelopeDate == Timestamp(seconds: 1_767_600_000))
        #expect(record.parseNotes == ["Date header '7 Bog 2026 19:14:51 +0000' unreadable"])
    }

    @Test func messageIdsAndThreadingHeaders() throws {
        let record = try Fixture.record(
            "Message-ID: < abc@host.test >\nIn-Reply-To: <p1@host.test> <p2@host.test>\n"
                + "References: <r1@host.test>\n <r2@host.test>\n\nbody\n")
        #expect(record.messageId == "abc@host.test")
        #expect(record.inReplyTo == "p1@host.test")
        #expect(record.references == ["r1@host.test", "r2@host.test"])
    }

    @Test func missingMessageIdFallsBackToTheRawHash() throws {
        let record = try Fixture.record("Subject: x\n\nbody\n")
        #expect(record.messageId == nil)
        #expect(record.id == "sha256:abc123")
        #expect(record.sizeBytes == 17)
    }

    @Test func gmailThreadAndLabels() throws {
        let record = try Fixture.record(
            "X-GM-THRID: 1545668983435175434\n"
                + "X-Gmail-Labels: Inbox,Important,\"Travel, 2023\",\n"
                + " Category Updates,\"a \"\"q\"\"\"\n"
                + "\nbody\n")
        #expect(record.threadId == "1545668983435175434")
        #expect(record.labels == ["Inbox", "Important", "Travel, 2023", "Category Updates", "a \"q\""])
    }

    @Test func encodedGmailLabelsDecodeBeforeSplitting() throws {
        let record = try Fixture.record(
            "X-Gmail-Labels: =?UTF-8?Q?Inbox,=22K=C3=B6ln,_2024=22?=\n\nbody\n")
        #expect(record.labels == ["Inbox", "Köln, 2024"])
    }
}
