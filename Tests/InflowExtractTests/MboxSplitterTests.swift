import InflowCore
import InflowExtract
import Testing

/// Splits `text` written to a temporary file and returns every entry.
func split(_ bytes: [UInt8], limits: ExtractLimits = ExtractLimits(), chunkSize: Int = 1 << 20)
    throws -> [MboxEntry]
{
    let folder = try TemporaryFolder()
    let path = try folder.write("box.mbox", bytes)
    let splitter = try MboxSplitter(path: path, limits: limits, chunkSize: chunkSize)
    var entries: [MboxEntry] = []
    while let entry = try splitter.next() {
        entries.append(entry)
    }
    return entries
}

/// The messages of `text`, failing the test on an oversize entry.
func messages(_ text: String, chunkSize: Int = 1 << 20) throws -> [MboxMessage] {
    try split(Array(text.utf8), chunkSize: chunkSize).map { entry in
        guard case .message(let message) = entry else {
            Issue.record("unexpected oversize entry at \(entry.offset)")
            return MboxMessage(offset: -1, envelopeSender: "", envelopeDate: nil, bytes: [])
        }
        return message
    }
}

func text(_ message: MboxMessage) -> String {
    String(decoding: message.bytes, as: UTF8.self)
}

@Suite struct MboxSplitterTests {
    static let twoMessages = """
        From alice@example.com Mon Jan  5 09:00:00 2026
        Subject: one

        Body one.

        From bob@example.com Mon Jan  5 10:00:00 2026
        Subject: two

        Body two.

        """

    @Test func splitsAfterBlankLineAndDropsTheSeparatorsLineEnding() throws {
        let found = try messages(MboxSplitterTests.twoMessages)
        try #require(found.count == 2)
        #expect(found[0].offset == 0)
        #expect(text(found[0]) == "Subject: one\n\nBody one.\n")
        #expect(found[0].envelopeSender == "alice@example.com")
        #expect(found[1].offset == 73)
        #expect(text(found[1]) == "Subject: two\n\nBody two.\n")
    }

    @Test(arguments: [16, 17, 31, 64, 1 << 20])
    func chunkSizeDoesNotChangeTheResult(chunkSize: Int) throws {
        let found = try messages(MboxSplitterTests.twoMessages, chunkSize: chunkSize)
        #expect(found.map(\.offset) == [0, 73])
        #expect(found.map(text) == ["Subject: one\n\nBody one.\n", "Subject: two\n\nBody two.\n"])
    }

    @Test func candidateWithoutBlankLineBeforeItIsBodyText() throws {
        let found = try messages("""
            From a@example.com Mon Jan  5 09:00:00 2026
            Subject: one

            Quoting:
            From b@example.com Mon Jan  5 08:00:00 2026
            end

            """)
        try #require(found.count == 1)
        #expect(text(found[0]).contains("Quoting:\nFrom b@example.com"))
    }

    @Test func bodyLineWithoutSenderTokenIsNoSeparator() throws {
        let found = try messages("""
            From - Mon Jan  5 09:00:00 2026
            Subject: film

            My favourite:

            From Russia with love

            From MAILER-DAEMON Tue Jan  6 09:00:00 2026
            Subject: bounce

            Gone.

            """)
        #expect(found.count == 2)
        #expect(found.map(\.envelopeSender) == ["-", "MAILER-DAEMON"])
        #expect(text(found[0]) == "Subject: film\n\nMy favourite:\n\nFrom Russia with love\n")
    }

    @Test func contentLengthEndingOnSeparatorSplitsWithoutBlankLine() throws {
        let body = "line one\n\nFrom c@example.com Mon Jan  5 08:00:00 2026\nend"
        let found = try messages("""
            From a@example.com Mon Jan  5 09:00:00 2026
            Content-Length: \(body.utf8.count)

            \(body)
            From b@example.com Mon Jan  5 10:00:00 2026
            Subject: two

            Two.

            """)
        try #require(found.count == 2)
        #expect(text(found[0]) == "Content-Length: \(body.utf8.count)\n\n" + body)
        #expect(found[1].envelopeSender == "b@example.com")
    }

    @Test func staleContentLengthLetsAnyCandidateSplit() throws {
        let found = try messages("""
            From - Mon Jan  5 09:00:00 2026
            Content-Length: 3

            Body one.
            From - Mon Jan  5 10:00:00 2026
            Subject: two

            Two.
            """)
        #expect(found.count == 2)
        #expect(found.map(text) == ["Content-Length: 3\n\nBody one.", "Subject: two\n\nTwo."])
    }

    @Test func contentLengthPastTheEndIsStale() throws {
        let found = try messages("""
            From a@example.com Mon Jan  5 09:00:00 2026
            Content-Length: 9999

            One.

            From b@example.com Mon Jan  5 10:00:00 2026

            Two.

            """)
        #expect(found.count == 2)
    }

    @Test func contentLengthEndingAtEndOfFileKeepsLaterCandidatesInTheBody() throws {
        let body = "One.\n\nFrom b@example.com Mon Jan  5 10:00:00 2026\n\nStill one.\n"
        let found = try messages("""
            From a@example.com Mon Jan  5 09:00:00 2026
            Content-Length: \(body.utf8.count)

            \(body)
            """)
        try #require(found.count == 1)
        #expect(text(found[0]).hasSuffix("Still one.\n"))
    }

    @Test func escapedFromLinesLoseOneGreaterThanSign() throws {
        let found = try messages("""
            From a@example.com Mon Jan  5 09:00:00 2026
            Subject: escapes

            >From the start
            >>From nested
            > From is quoted text, not an escape
            >Fromage

            """)
        try #require(found.count == 1)
        #expect(text(found[0]) == """
            Subject: escapes

            From the start
            >From nested
            > From is quoted text, not an escape
            >Fromage

            """)
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("From -\nSubject: x\n\nBody\n".utf8)
        let found = try split(bytes)
        #expect(found.map(\.offset) == [3])
        guard case .message(let message) = found.first else {
            Issue.record("expected a message")
            return
        }
        #expect(text(message) == "Subject: x\n\nBody\n")
    }

    @Test func crlfLineEndings() throws {
        let crlf = MboxSplitterTests.twoMessages.replacing("\n", with: "\r\n")
        let found = try messages(crlf)
        #expect(found.map(\.offset) == [0, 78])
        #expect(found.map(text) == [
            "Subject: one\r\n\r\nBody one.\r\n", "Subject: two\r\n\r\nBody two.\r\n",
        ])
    }

    @Test func blankLinesBeforeTheFirstSeparatorAreAllowed() throws {
        let found = try messages("\n\r\n  \nFrom a@example.com\n\nBody\n")
        #expect(found.map(\.offset) == [6])
        #expect(found.map(text) == ["\nBody\n"])
    }

    @Test func emptyFileHasNoMessages() throws {
        #expect(try split([]).isEmpty)
    }

    @Test(arguments: ["Subject: hello\n\nFrom a@example.com\n", "From the start\n", "x"])
    func fileNotStartingWithSeparatorIsNotAMailbox(content: String) throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("notes.mbox", content)
        let splitter = try MboxSplitter(path: path)
        #expect(throws: ExtractError.notAMailbox(path)) { try splitter.next() }
        #expect(try splitter.next() == nil)
        #expect(ExtractError.notAMailbox(path).description.contains("notes.mbox"))
    }

    @Test func missingFileFailsToOpen() {
        #expect(throws: ExtractError.openFailed("/nonexistent/box.mbox", errno: 2)) {
            try MboxSplitter(path: "/nonexistent/box.mbox")
        }
    }

    @Test func lastMessageKeepsItsFinalLineEnding() throws {
        let found = try messages("From a@example.com\n\nOne\n\nFrom b@example.com\n\nTwo\n")
        #expect(found.map(text) == ["\nOne\n", "\nTwo\n"])
    }

    @Test(arguments: ["\n", "\r\n"])
    func blankLineAtTheEndOfTheFileBelongsToNoMessage(ending: String) throws {
        let one = "From a@example.com\(ending)\(ending)One\(ending)"
        let alone = try messages(one + ending)
        let followed = try messages(one + ending + "From b@example.com\(ending)\(ending)Two\(ending)")
        #expect(alone.map(text) == ["\(ending)One\(ending)"])
        #expect(followed.first.map(text) == alone.first.map(text))
    }

    @Test(arguments: [16, 23, 1 << 20])
    func oversizeMessageIsReportedWithSizeAndHash(chunkSize: Int) throws {
        let big = "From a@example.com\nSubject: big\n\n" + String(repeating: "0123456789\n", count: 10)
        let text = big + "\nFrom b@example.com\n\nsmall\n"
        let limits = ExtractLimits(maxMessageBytes: 40)
        let found = try split(Array(text.utf8), limits: limits, chunkSize: chunkSize)
        try #require(found.count == 2)
        // 14 header bytes + 110 body bytes; the blank line's ending goes to the separator.
        // sha256 of that text, computed with sha256sum.
        let expected = OversizeMessage(
            offset: 0, envelopeSender: "a@example.com", envelopeDate: nil, byteCount: 124,
            sha256: "6e709c873887fde51c78be3e26db9224e843aa5c09b6a2b7f45b6725bac08dc6")
        #expect(found[0] == .oversize(expected))
        #expect(found[1] == .message(
            MboxMessage(offset: 144, envelopeSender: "b@example.com", envelopeDate: nil,
                        bytes: Array("\nsmall\n".utf8))))
    }

    @Test(arguments: [16, 1 << 20])
    func aMessageExactlyAtTheLimitIsKept(chunkSize: Int) throws {
        // 40 and 41 bytes once the line ending before the next separator is dropped.
        let exact = String(repeating: "x", count: 39) + "\n"
        let over = String(repeating: "y", count: 40) + "\n"
        let text = "From a@example.com\n\(exact)\nFrom b@example.com\n\(over)\nFrom c@example.com\nz\n"
        let limits = ExtractLimits(maxMessageBytes: 40)
        let found = try split(Array(text.utf8), limits: limits, chunkSize: chunkSize)
        try #require(found.count == 3)
        #expect(found[0] == .message(
            MboxMessage(offset: 0, envelopeSender: "a@example.com", envelopeDate: nil,
                        bytes: Array(exact.utf8))))
        // `(printf 'y%.0s' $(seq 40); echo) | sha256sum`: the 41 bytes of the second message.
        #expect(found[1] == .oversize(
            OversizeMessage(offset: 60, envelopeSender: "b@example.com", envelopeDate: nil,
                            byteCount: 41,
                            sha256: "04e1245a54e7af70313344c9e87d52a4748e7904ae913ad4c77d0593810aba23")))
    }

    @Test func oversizeCrlfMessageLeavesItsLineEndingToTheSeparator() throws {
        let line = String(repeating: "q", count: 30) + "\r\n"
        let text = "From a@example.com\r\n" + line + line + "\r\nFrom b@example.com\r\nz\r\n"
        let limits = ExtractLimits(maxMessageBytes: 40)
        let found = try split(Array(text.utf8), limits: limits, chunkSize: 16)
        // sha256sum of the two 32-byte lines.
        #expect(found.first == .oversize(
            OversizeMessage(offset: 0, envelopeSender: "a@example.com", envelopeDate: nil,
                            byteCount: 64,
                            sha256: "fe1a4e0655c13011b71dd9b1469555c86726aea9dbfafe3445904f5d8ed22782")))
    }

    @Test func longLinesAreCarriedWhole() throws {
        let long = String(repeating: "A", count: 200_000)
        let text = "From a@example.com\n\n\(long)\n\nFrom b@example.com\n\nx\n"
        let found = try messages(text, chunkSize: 4096)
        try #require(found.count == 2)
        #expect(found[0].bytes.count == 1 + 200_001)
    }
}
