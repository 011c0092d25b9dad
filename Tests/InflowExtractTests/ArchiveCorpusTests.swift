import FoundationEssentials
import InflowCore
import InflowExtract
import Testing

/// Every archive of the shared corpus gives a clear result, quickly: read, with its entries
/// accounted for, or refused with libarchive's reason. Never a crash or a hang.
@Suite(.enabled(
    if: FileManager.default.fileExists(atPath: Corpus.path("archives")),
    "the shared corpus archives are not beside this checkout"))
struct ArchiveCorpusTests {
    /// The corpus archives libarchive cannot read at all; every other one is read.
    static let refused: Set<String> = [
        "csvkit/dummy.csv.bz2",
        "csvkit/dummy.csv.gz",
        "yauzl/failure/End_of_central_directory_record_signature_not_found_Either_not_a_zip_"
            + "file_or_file_is_truncated_1.zip",
        "yauzl/failure/extra_field_length_exceeds_extra_field_buffer_size.zip",
        "yauzl/failure/invalid_central_directory_file_header_signature_0x1014b50.zip",
        "yauzl/failure/invalid_code_lengths_set.zip",
        "yauzl/failure/invalid_local_file_header_signature_0x3034b50.zip",
        "yauzl/failure/too_many_length_or_distance_symbols.zip",
        "yauzl/failure/unexpected_EOF.zip",
        "yauzl/failure/zip64_extended_information_extra_field_does_not_include_compressed_size.zip",
        "yauzl/failure/"
            + "zip64_extended_information_extra_field_does_not_include_relative_header_offset.zip",
        "yauzl/failure/zip64_extended_information_extra_field_does_not_include_uncompressed_size.zip",
    ]

    static var archives: [InputFile] {
        let files = (try? InputScanner.scan([Corpus.path("archives")])) ?? []
        return files.filter { $0.kind == .archive }
    }

    static func relative(_ path: String) -> String {
        String(path.dropFirst(Corpus.path("archives").count + 1))
    }

    @Test func everyArchiveIsFound() {
        #expect(Self.archives.count == 56)
    }

    @Test(arguments: archives)
    func archiveIsReadOrRefusedWithAReason(file: InputFile) {
        let clock = ContinuousClock()
        let start = clock.now
        var delivered = 0
        let result = SourceExtractor().extract(file) { _ in delivered += 1 }

        #expect(clock.now - start < .seconds(10))
        #expect(result.items == delivered)
        if Self.refused.contains(Self.relative(file.path)) {
            let reason = result.failure?.description ?? ""
            #expect(reason.contains(file.path) && reason.contains("failed: "))
        } else {
            #expect(result.failure == nil)
            let accounted = result.items + result.ignored.count + result.failedEntries.count
            #expect(accounted <= result.entries)
        }
    }

    @Test func encryptedEntriesAreIgnoredUnread() throws {
        let path = Corpus.path("archives/yauzl/success/traditional-encryption.zip")
        let result = SourceExtractor().extract(InputFile(path: path, size: 0, kind: .archive)) {
            _ in
        }
        #expect(result.ignored == [
            SkippedEntry(entry: "a.txt", reason: "encrypted; encrypted entries are not read")
        ])
    }

    @Test func unsupportedMethodFailsTheEntryOnly() throws {
        let path = Corpus.path("archives/yauzl/success/bogus-compression-method.zip")
        let result = SourceExtractor().extract(InputFile(path: path, size: 0, kind: .archive)) {
            _ in
        }
        #expect(result.failure == nil)
        #expect(result.failedEntries.map(\.entry) == ["index.js"])
    }

    @Test func zip64ArchiveIsRead() throws {
        let path = Corpus.path("archives/yauzl/success/zip64.zip")
        let result = SourceExtractor().extract(InputFile(path: path, size: 0, kind: .archive)) {
            _ in
        }
        #expect(result.failure == nil)
        #expect(result.ignored.map(\.entry) == ["test1.txt", "test2.txt"])
    }

    /// Names stored in a legacy code page without the UTF-8 flag are decoded as CP437, with a
    /// note; names 7-Zip flagged UTF-8 come out right.
    @Test func legacyCodePageNamesAreNotedNotFatal() throws {
        let path = Corpus.path("archives/zip-encoding-test/old7z_cp936.zip")
        let result = SourceExtractor().extract(InputFile(path: path, size: 0, kind: .archive)) {
            _ in
        }
        #expect(result.failure == nil)
        let names = result.ignored.map(\.entry)
        #expect(names.prefix(2) == ["HelloWorld.txt", "©®™★♦♣♥♠€£￥✓♫.txt"])
        #expect(result.notes.count == 2)
    }
}
