import InflowExtract
import Testing

@Suite struct InputScannerTests {
    @Test func listsRecursivelyInByteOrderAndClassifiesByNameAndContent() throws {
        let folder = try TemporaryFolder()
        try folder.write("b/inbox.mbox", "not even a mailbox, but named like one\n")
        try folder.write("a/notes.txt", "\nFrom alice@example.com Mon Jan  5 09:00:00 2026\n\nHi\n")
        let received = "Received: from mx.example.com\n\tby example.com\n"
        try folder.write("a/raw", received + "From: a@example.com\n\nHi\n")
        try folder.write("Z.eml", "")
        try folder.write("c/calendar.ics", "BEGIN:VCALENDAR\nEND:VCALENDAR\n")
        try folder.write("c/card.txt", "BEGIN:VCARD\nVERSION:3.0\nFN:Pat\nEND:VCARD\n")
        try folder.write("c/takeout.zip", [0x50, 0x4B, 0x03, 0x04])
        try folder.write("c/table.csv", "id,name\n1,Acme\n")
        try folder.write("c/empty", "")
        try folder.write(".hidden/secret.mbox", "From a@example.com\n\nx\n")
        try folder.write("a/.DS_Store", "junk")

        let files = try InputScanner.scan([folder.path])
        let root = folder.path + "/"
        #expect(files.map(\.path) == [
            "Z.eml", "a/notes.txt", "a/raw", "b/inbox.mbox", "c/calendar.ics", "c/card.txt",
            "c/empty", "c/table.csv", "c/takeout.zip",
        ].map { root + $0 })
        #expect(files.map(\.kind) == [
            .message, .mailbox, .message, .mailbox, .calendar, .contacts,
            .ignored(reason: "an empty file"),
            .ignored(reason: "a CSV file; Google data is read from mbox, eml, ics and vcf files"),
            .archive,
        ])
        #expect(files.map(\.size) == [0, 53, 70, 39, 30, 41, 0, 15, 4])
    }

    @Test(arguments: [
        ("Return-Path: <a@example.com>\nX-Custom: 1\n\nBody", InputKind.message),
        ("Message-ID: <1@example.com>\r\nSubject: hi\r\n\r\n", InputKind.message),
        ("X-Custom: 1\nX-Other: 2\n\nBody", nil),
        ("From - \nSubject: x\n", InputKind.mailbox),
        ("From the desk of Alice\n", nil),
        ("Dear Bob,\nFrom: me\n", nil),
    ] as [(String, InputKind?)])
    func recognisesMailByContent(content: String, kind: InputKind?) throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("unnamed", content)
        let expected = kind ?? .ignored(reason: "neither mail, a calendar nor contacts, by name or by content")
        #expect(InputScanner.classify(path) == expected)
    }

    @Test func aSingleFileMayBeGivenAsAnInput() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("one.eml", "From: a@example.com\n\nHi\n")
        #expect(try InputScanner.scan([path]) == [InputFile(path: path, size: 24, kind: .message)])
    }

    @Test func missingInputFolderIsAnError() throws {
        let folder = try TemporaryFolder()
        let missing = folder.path + "/nope"
        #expect(throws: ExtractError.missingInput(missing)) { try InputScanner.scan([missing]) }
        #expect(ExtractError.missingInput(missing).description.contains(missing))
    }
}
