import InflowCore
import InflowDigest
import Testing

@testable import InflowExtract

/// What one archive gave: the items in order and the file's result.
struct ArchiveRun {
    var items: [RawItem]
    var file: ExtractedFile
    var path: String
}

/// Writes `bytes` as `name` in `folder` and extracts that one archive.
func extractArchive(
    _ bytes: [UInt8], named name: String, in folder: TemporaryFolder,
    limits: ExtractLimits = ExtractLimits(), archiveLimits: ArchiveLimits = ArchiveLimits(),
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> ArchiveRun {
    let path = try folder.write(name, bytes)
    var items: [RawItem] = []
    let extractor = SourceExtractor(limits: limits, archiveLimits: archiveLimits)
    let report = try extractor.extract(folders: [path]) { items.append($0) }
    let file = try #require(report.files.first, sourceLocation: sourceLocation)
    #expect(file.kind == .archive, sourceLocation: sourceLocation)
    return ArchiveRun(items: items, file: file, path: path)
}

@Suite struct ArchiveExtractorTests {
    static let mailboxEntry = "Takeout/Courriel/Boîte de réception.mbox"

    @Test(arguments: [
        ("takeout.zip", ArchiveFixtures.takeoutZip, 8),
        ("takeout.tgz", ArchiveFixtures.takeoutTgz, 7),
        ("takeout.tbz", ArchiveFixtures.takeoutTbz, 7),
        ("export", ArchiveFixtures.takeoutTxz, 7),
    ])
    func takeoutArchiveGivesEveryDataType(name: String, bytes: [UInt8], entries: Int) throws {
        let folder = try TemporaryFolder()
        let run = try extractArchive(bytes, named: name, in: folder)

        #expect(run.file.failure == nil)
        #expect(run.file.entries == entries)
        #expect(run.file.items == 5)
        #expect(run.file.itemsByType == [.emails: 3, .meetings: 1, .contacts: 1])
        #expect(run.items.map(\.origin.entry) == [
            Self.mailboxEntry, Self.mailboxEntry, "Takeout/Agenda/alice@example.com.ics",
            "Takeout/Contactos/Todos/Todos.vcf", "Takeout/Otros/mensaje",
        ])
        #expect(run.items.map(\.dataType) == [.emails, .emails, .meetings, .contacts, .emails])
        #expect(run.items.map(\.origin.offset) == [0, 245, nil, nil, nil])
        #expect(run.items.allSatisfy { $0.origin.file == run.path })
        #expect(run.file.ignored == [
            SkippedEntry(entry: "Takeout/archive_browser.html", reason: "an index page"),
            SkippedEntry(
                entry: "Takeout/Courriel/User Settings/filters.json",
                reason: "settings or metadata"),
            SkippedEntry(entry: "Takeout/Contactos/Todos/Alice.jpg", reason: "a photo"),
        ])
    }

    @Test func wholeEntriesKeepTheirBytesAndHash() throws {
        let folder = try TemporaryFolder()
        let run = try extractArchive(ArchiveFixtures.takeoutZip, named: "t.zip", in: folder)
        let expected = [
            ArchiveFixtureTexts.calendar, ArchiveFixtureTexts.contacts,
            ArchiveFixtureTexts.noExtension,
        ]

        #expect(Array(run.items.dropFirst(2).map(\.bytes)) == expected)
        #expect(run.items[0].origin.sha256
            == "f151573f0304aa098f4ab8f2b45de9ec15785c293b070ef5f113a4f453d6a1c1")
        #expect(run.items.allSatisfy { $0.origin.sha256 == SHA256.hex($0.bytes) })
    }

    /// The mailbox inside the archive splits exactly as the same mailbox on disk, including
    /// a `Content-Length` that protects a `From ` line in the body, which needs look-ahead.
    @Test func mailboxEntrySplitsLikeTheSameFileOnDisk() throws {
        let folder = try TemporaryFolder()
        let run = try extractArchive(ArchiveFixtures.takeoutTgz, named: "t.tgz", in: folder)
        let loose = try folder.write("loose/All mail.mbox", ArchiveFixtureTexts.mailbox)
        var expected: [RawItem] = []
        _ = try SourceExtractor().extract(folders: [loose]) { expected.append($0) }

        let fromArchive = run.items.filter { $0.origin.entry == Self.mailboxEntry }
        #expect(expected.count == 2)
        #expect(fromArchive.map(\.bytes) == expected.map(\.bytes))
        #expect(fromArchive.map(\.origin.offset) == expected.map(\.origin.offset))
        #expect(fromArchive.map(\.envelopeSender) == expected.map(\.envelopeSender))
        #expect(fromArchive[1].bytes.suffix(5) == Array("Bye\r\n".utf8))
    }

    /// Read in 16-byte chunks, the entry stream hands back exactly what it looked ahead at.
    @Test func mailboxEntrySplitsTheSameInTinyChunks() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("t.tgz", ArchiveFixtures.takeoutTgz)
        let loose = try folder.write("All mail.mbox", ArchiveFixtureTexts.mailbox)
        let reader = try ArchiveReader(path: path)
        while let entry = try reader.nextEntry(), entry.name != Self.mailboxEntry {}

        let stream = ArchiveEntryStream(
            reader: reader, entry: Self.mailboxEntry, limits: ArchiveLimits(), archiveTotal: 0)
        let fromArchive = try messages(
            MboxSplitter(source: stream, name: "entry", limits: ExtractLimits(), chunkSize: 16))
        let fromFile = try messages(MboxSplitter(path: loose, chunkSize: 16))
        #expect(fromArchive.count == 2)
        #expect(fromArchive == fromFile)
    }

    /// Past the look-ahead limit a `Content-Length` cannot be judged, so the blank-line rule
    /// splits at the `From ` line in the second message's body.
    @Test func contentLengthBeyondTheLookAheadFallsBackToBlankLines() throws {
        let folder = try TemporaryFolder()
        let run = try extractArchive(
            ArchiveFixtures.takeoutTgz, named: "t.tgz", in: folder,
            archiveLimits: ArchiveLimits(maxLookahead: 16))

        let offsets = run.items.filter { $0.origin.entry == Self.mailboxEntry }
            .map(\.origin.offset)
        #expect(offsets == [0, 245, 410])
    }

    private func messages(_ splitter: MboxSplitter) throws -> [MboxMessage] {
        var found: [MboxMessage] = []
        while let entry = try splitter.next() {
            if case .message(let message) = entry { found.append(message) }
        }
        return found
    }

    @Test func linksDevicesAndUnsafePathsAreNeverRead() throws {
        let folder = try TemporaryFolder()
        let run = try extractArchive(ArchiveFixtures.unsafeTar, named: "u.tar.gz", in: folder)

        #expect(run.file.failure == nil)
        #expect(run.items.map(\.origin.entry) == ["Takeout/a.eml"])
        #expect(run.items.first?.bytes == ArchiveFixtureTexts.message)
        #expect(run.file.ignored == [
            SkippedEntry(
                entry: "Takeout/link.mbox", reason: "a symbolic link; links are never followed"),
            SkippedEntry(entry: "Takeout/hard.eml", reason: "a hard link; links are never followed"),
            SkippedEntry(entry: "Takeout/pipe", reason: "a named pipe, not a file"),
            SkippedEntry(
                entry: "../escape.eml",
                reason: "refused: a path that climbs out of its folder with '..'"),
            SkippedEntry(entry: "/abs.eml", reason: "refused: an absolute path"),
            SkippedEntry(
                entry: "Takeout/x/../../climb.eml",
                reason: "refused: a path that climbs out of its folder with '..'"),
        ])
    }

    @Test func truncatedArchiveKeepsWhatWasDelivered() throws {
        let folder = try TemporaryFolder()
        let run = try extractArchive(ArchiveFixtures.truncatedTgz, named: "t.tgz", in: folder)

        #expect(run.items.count == 2)
        #expect(run.items.allSatisfy { $0.origin.entry == "Takeout/Mail/All.mbox" })
        let failure = try #require(run.file.failure)
        guard case .archiveFailed(let path, let call, let message) = failure else {
            Issue.record("expected an archive failure, got \(failure)")
            return
        }
        #expect(path == run.path)
        #expect(call == "archive_read_data")
        #expect(!message.isEmpty)
    }

    /// Damaged compressed data stops the archive (libarchive reports it as fatal); what came
    /// before stays delivered.
    @Test func corruptDataStopsTheArchiveAfterWhatWasDelivered() throws {
        let folder = try TemporaryFolder()
        let run = try extractArchive(ArchiveFixtures.corruptZip, named: "c.zip", in: folder)

        #expect(run.items.map(\.origin.entry) == ["Takeout/a.eml"])
        #expect(run.file.failure == .archiveFailed(
            run.path, call: "archive_read_data", message: "ZIP decompression failed (-3)"))
    }

    @Test func notAnArchiveIsRefusedWithLibarchivesReason() throws {
        let folder = try TemporaryFolder()
        let bytes = Array("this is not a zip file at all, just text".utf8)
        let run = try extractArchive(bytes, named: "takeout-20260115T090000Z-001.zip", in: folder)

        #expect(run.items.isEmpty)
        let failure = try #require(run.file.failure)
        #expect(failure.description.hasSuffix(
            "archive_read_open_filename failed: Unrecognized archive format"))
    }

    @Test func bzip2BombIsRefusedByItsRatio() throws {
        let folder = try TemporaryFolder()
        let clock = ContinuousClock()
        let start = clock.now
        let run = try extractArchive(ArchiveFixtures.bombTbz, named: "b.tbz", in: folder)

        #expect(run.items.isEmpty)
        let failure = try #require(run.file.failure)
        guard case .archiveRefused(_, let reason) = failure else {
            Issue.record("expected a refusal, got \(failure)")
            return
        }
        #expect(reason.contains("Takeout/Agenda/big.ics"))
        #expect(reason.contains("decompression bomb"))
        #expect(clock.now - start < .seconds(20))
    }

    /// 8 MiB of spaces deflated to 8 KiB: over the 100 to 1 ratio for a vCard entry.
    @Test func deflateBombIsRefusedByItsRatio() throws {
        let folder = try TemporaryFolder()
        let run = try extractArchive(ArchiveFixtures.bombZip, named: "b.zip", in: folder)

        #expect(run.items.isEmpty)
        let reason = try #require(run.file.failure?.description)
        #expect(reason.contains("refused: entry 'Takeout/big.vcf': it expands more than 100 times"))
    }

    @Test func entryOverTheSizeLimitIsRejectedWithItsHash() throws {
        let folder = try TemporaryFolder()
        let limits = ArchiveLimits(maxEntryBytes: 1 << 20, maxRatio: 100_000)
        let run = try extractArchive(
            ArchiveFixtures.bombZip, named: "b.zip", in: folder, archiveLimits: limits)

        #expect(run.items.isEmpty)
        #expect(run.file.failure == nil)
        let reject = try #require(run.file.rejects.first)
        #expect(reject.reason
            == "the address book has 8388621 bytes, more than the limit of 1048576 bytes "
            + "per address book")
        let bytes = Array("BEGIN:VCARD\r\n".utf8) + [UInt8](repeating: 32, count: 8 << 20)
        #expect(reject.origin.sha256 == SHA256.hex(bytes))
    }

    @Test func tooManyEntriesStopTheArchive() throws {
        let folder = try TemporaryFolder()
        let limits = ArchiveLimits(maxEntries: 3)
        let run = try extractArchive(
            ArchiveFixtures.takeoutZip, named: "t.zip", in: folder, archiveLimits: limits)

        #expect(run.file.failure?.description.hasSuffix("refused: it has more than 3 entries")
            == true)
        #expect(run.items.count == 2)
    }

    @Test func overLimitItemsAreRejectedWithTheirHash() throws {
        let folder = try TemporaryFolder()
        let run = try extractArchive(
            ArchiveFixtures.takeoutZip, named: "t.zip", in: folder,
            limits: ExtractLimits(maxMessageBytes: 100))

        #expect(run.items.map(\.origin.entry) == ["Takeout/Otros/mensaje"])
        #expect(run.file.rejects.map(\.dataType) == [.emails, .emails, .meetings, .contacts])
        let calendar = try #require(run.file.rejects.first { $0.dataType == .meetings })
        #expect(calendar.origin.sha256 == SHA256.hex(ArchiveFixtureTexts.calendar))
        #expect(calendar.origin.entry == "Takeout/Agenda/alice@example.com.ics")
    }

    @Test(arguments: [
        ("cp437.zip", ArchiveFixtures.cp437Zip, "CP437"),
        ("latin1.tgz", ArchiveFixtures.latin1Tar, "Latin-1"),
    ])
    func nonUTF8NamesFallBackAndAreNoted(name: String, bytes: [UInt8], encoding: String) throws {
        let folder = try TemporaryFolder()
        let run = try extractArchive(bytes, named: name, in: folder)

        #expect(run.items.map(\.origin.entry) == ["café.eml"])
        #expect(run.file.notes
            == ["the entry name 'café.eml' is not UTF-8; it was read as \(encoding)"])
    }

    @Test func splitPartsAreReadInPartOrder() throws {
        let folder = try TemporaryFolder()
        let stem = "takeout-20260115T090000Z-"
        try folder.write("export/\(stem)1000.tgz", ArchiveFixtures.part3)
        try folder.write("export/\(stem)001.tgz", ArchiveFixtures.part1)
        try folder.write("export/\(stem)999.tgz", ArchiveFixtures.part2)
        try folder.write("export/notes.txt", "not data\n")

        let files = try InputScanner.scan([folder.path + "/export"])
        #expect(files.map { Path.basename($0.path) } == [
            "notes.txt", "\(stem)001.tgz", "\(stem)999.tgz", "\(stem)1000.tgz",
        ])
        var subjects: [String] = []
        _ = try SourceExtractor().extract(folders: [folder.path]) { item in
            let text = String(decoding: item.bytes, as: UTF8.self)
            subjects += text.split(separator: "\r\n").filter { $0.hasPrefix("Subject:") }
                .map(String.init)
        }
        #expect(subjects == ["Subject: Part one", "Subject: Part two", "Subject: Part three"])
    }

    @Test(arguments: [
        ("../x.eml", "refused: a path that climbs out of its folder with '..'"),
        ("a/../../x", "refused: a path that climbs out of its folder with '..'"),
        ("C:\\Windows\\x.eml", "refused: an absolute path with a drive letter"),
        ("\\\\server\\x", "refused: an absolute path"),
    ])
    func unsafeNamesAreRecognised(name: String, reason: String) {
        #expect(EntryName.unsafeReason(name).map { "refused: " + $0 } == reason)
    }

    @Test func safeNamesPass() {
        #expect(EntryName.unsafeReason("Takeout/Mail/a..b.mbox") == nil)
        #expect(EntryName.unsafeReason("Takeout/./Mail/x.mbox") == nil)
    }
}
