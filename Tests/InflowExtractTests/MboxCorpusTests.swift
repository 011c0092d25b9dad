import FoundationEssentials
import InflowCore
import InflowExtract
import Testing

/// The shared corpus beside the checkout, when it is there.
enum Corpus {
    static let root = Path.normalize(packageRoot + "/../shared/corpus")

    static var exists: Bool {
        FileManager.default.fileExists(atPath: root + "/mbox/mimekit/issue1189.mbox")
    }

    static func path(_ relative: String) -> String {
        root + "/" + relative
    }
}

/// Every entry of a mailbox file, all of them messages.
func splitFile(_ path: String, chunkSize: Int = 1 << 20) throws -> [MboxMessage] {
    let splitter = try MboxSplitter(path: path, chunkSize: chunkSize)
    var found: [MboxMessage] = []
    while let entry = try splitter.next() {
        guard case .message(let message) = entry else {
            Issue.record("oversize entry at \(entry.offset) in \(path)")
            continue
        }
        found.append(message)
    }
    return found
}

/// `bytes` with one `>` removed from each line of `>`s followed by `From ` (mboxrd).
func unescaped(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    var lineStart = true
    for (index, byte) in zip(bytes.indices, bytes) {
        let escape = lineStart && byte == UInt8(ascii: ">")
            && bytes[index...].drop(while: { $0 == UInt8(ascii: ">") }).starts(with: "From ".utf8)
        if !escape { out.append(byte) }
        lineStart = byte == 10
    }
    return out
}

/// The value of the first `Subject:` header of a message, unfolded and trimmed.
func subject(of message: MboxMessage) -> String? {
    let text = String(decoding: message.bytes, as: UTF8.self).replacing("\r\n", with: "\n")
    let head = text.split(separator: "\n\n", maxSplits: 1).first.map(String.init) ?? text
    let unfolded = head.replacing("\n ", with: " ").replacing("\n\t", with: " ")
    for line in unfolded.split(separator: "\n") where line.lowercased().hasPrefix("subject:") {
        let value = line.dropFirst("subject:".count).drop { $0 == " " || $0 == "\t" }
        return String(value.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
    return nil
}

@Suite(.enabled(if: Corpus.exists, "the shared corpus is not beside this checkout"))
struct MboxCorpusTests {
    struct Expected {
        var marker: Int64
        var begin: Int
        var end: Int
    }

    static func offsets(_ name: String) throws -> [Expected] {
        let json = try JSON.parse(try readBytes(Corpus.path("mbox/mimekit/" + name)))
        return try (json.arrayValue ?? []).map { item in
            let object = try #require(item.objectValue)
            return Expected(
                marker: Int64(try #require(object.int("mboxMarkerOffset"))),
                begin: try #require(object.int("beginOffset")),
                end: try #require(object.int("endOffset")))
        }
    }

    static func check(_ path: String, bytes: [UInt8], against expected: [Expected]) throws {
        let found = try splitFile(path)
        #expect(found.map(\.offset) == expected.map(\.marker))
        for (message, want) in zip(found, expected) {
            let same = message.bytes == unescaped(bytes[want.begin..<want.end])
            #expect(same, "message at \(want.marker) differs from the expected byte range")
        }
    }

    @Test(arguments: ["issue1189", "content-length"])
    func unixOffsetsMatch(name: String) throws {
        let path = Corpus.path("mbox/mimekit/\(name).mbox")
        let expected = try MboxCorpusTests.offsets("\(name).unix-offsets.json")
        try MboxCorpusTests.check(path, bytes: try readBytes(path), against: expected)
    }

    @Test(arguments: [5, 333, 4096])
    func contentLengthMailboxSplitsTheSameInSmallChunks(chunkSize: Int) throws {
        let path = Corpus.path("mbox/mimekit/content-length.mbox")
        #expect(try splitFile(path, chunkSize: chunkSize) == splitFile(path))
    }

    @Test func dosOffsetsMatchTheMailboxWithCRLF() throws {
        let lf = try readBytes(Corpus.path("mbox/mimekit/issue1189.mbox"))
        var crlf: [UInt8] = []
        for byte in lf {
            if byte == 10 { crlf.append(13) }
            crlf.append(byte)
        }
        let folder = try TemporaryFolder()
        let path = try folder.write("issue1189-dos.mbox", crlf)
        let expected = try MboxCorpusTests.offsets("issue1189.dos-offsets.json")
        try MboxCorpusTests.check(path, bytes: crlf, against: expected)
    }

    @Test(arguments: ["issue1189", "content-length"])
    func summarySubjectsMatch(name: String) throws {
        let summaryPath = Corpus.path("mbox/mimekit/\(name)-summary.txt")
        let summary = String(decoding: try readBytes(summaryPath), as: UTF8.self)
        let lines = summary.split(separator: "\n")
        let count = lines.filter { $0.hasPrefix("From ") }.count
        let subjects = lines.filter { $0.hasPrefix("Subject: ") }.map { String($0.dropFirst(9)) }
        let found = try splitFile(Corpus.path("mbox/mimekit/\(name).mbox"))
        #expect(found.count == count)
        #expect(found.map { subject(of: $0) ?? "" } == subjects)
    }

    @Test func unmungedFromLinesStayInTheBody() throws {
        let found = try splitFile(Corpus.path("mbox/mimekit/unmunged.mbox"))
        #expect(found.count == 2)
        #expect(found.map(\.offset) == [3, 245])
        let bodies = found.map { String(decoding: $0.bytes, as: UTF8.self) }
        #expect(bodies.allSatisfy { $0.contains("\nFrom Russia with love\n") })
    }

    @Test func cpythonSeparatorWithExtraTextAfterTheDate() throws {
        let found = try splitFile(Corpus.path("mbox/cpython/mailbox_01.mbox"))
        try #require(found.count == 1)
        #expect(found[0].envelopeSender == "MAILER-DAEMON")
        #expect(found[0].envelopeDate?.iso8601 == "2022-08-07T11:40:37Z")
        #expect(String(decoding: found[0].bytes, as: UTF8.self).hasSuffix("\nFrom time to time\n"))
    }

    static func expected(_ file: String) throws -> JSONObject {
        let json = try JSON.parse(try readBytes(Corpus.path("bugs/EXPECTED.json")))
        return try #require(json.objectValue?.object(file)?.object("expected"))
    }

    @Test func takeoutSeparatorsGiveEnvelopeDates() throws {
        let expected = try MboxCorpusTests.expected("01-takeout-from-line.mbox")
        let found = try splitFile(Corpus.path("bugs/01-takeout-from-line.mbox"))
        #expect(found.count == expected.int("message_count"))
        let dates = expected.array("messages").compactMap { $0.objectValue?.string("envelope_date") }
        #expect(found.map { $0.envelopeDate?.iso8601 ?? "" } == dates)
        #expect(found.map(\.envelopeSender) == ["1545668983435175434@xxx", "1545669036000000001@xxx"])
    }

    @Test func unescapedFromInBodyDoesNotSplit() throws {
        let expected = try MboxCorpusTests.expected("02-mbox-unescaped-from-in-body.mbox")
        let found = try splitFile(Corpus.path("bugs/02-mbox-unescaped-from-in-body.mbox"))
        #expect(found.count == expected.int("message_count"))
        let first = try #require(found.first.map { String(decoding: $0.bytes, as: UTF8.self) })
        let wanted = expected.array("messages").first?.objectValue?.strings("body_contains") ?? []
        #expect(wanted.count == 2)
        for line in wanted {
            #expect(first.contains(line))
        }
    }

    @Test func brokenMessageDoesNotEndTheMailbox() throws {
        let expected = try MboxCorpusTests.expected("04-mbox-broken-message-stops-enumeration.mbox")
        let found = try splitFile(Corpus.path("bugs/04-mbox-broken-message-stops-enumeration.mbox"))
        #expect(found.count == expected.int("message_count"))
        #expect(found.map { subject(of: $0) ?? "" } == expected.strings("subjects"))
    }
}
