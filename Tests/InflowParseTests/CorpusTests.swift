import FoundationEssentials
import InflowCore
import InflowParse
import Testing

/// The shared corpus of real messages, found beside the package root when it is checked out.
enum Corpus {
    /// `../shared/corpus` from the package root, which is three levels above this file.
    static let root: String = {
        let packageRoot = URL(filePath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.appending(path: "../shared/corpus").standardized.path
    }()

    static var exists: Bool {
        FileManager.default.fileExists(atPath: root)
    }

    /// The paths, relative to the corpus, of every `*.eml` under `eml/` and in `bugs/`.
    static func emailFiles() -> [String] {
        let eml = (try? FileManager.default.subpathsOfDirectory(atPath: root + "/eml")) ?? []
        let bugs = (try? FileManager.default.contentsOfDirectory(atPath: root + "/bugs")) ?? []
        let files = eml.map { "eml/" + $0 } + bugs.map { "bugs/" + $0 }
        return files.filter { $0.hasSuffix(".eml") }.sorted()
    }

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(filePath: root + "/" + relativePath)))
    }
}

@Suite(
    "Email corpus",
    .enabled(if: Corpus.exists, "the shared corpus is not checked out beside the package"))
struct EmailCorpusTests {
    @Test func everyCorpusEmailYieldsARecordOrAReason() throws {
        let files = Corpus.emailFiles()
        #expect(files.count > 150)
        for file in files {
            let bytes = try Corpus.bytes(file)
            switch EmailParser.parse(Fixture.item(bytes)) {
            case .success(let record):
                #expect(record.sizeBytes == bytes.count, "\(file)")
            case .failure(let failure):
                #expect(!failure.reason.isEmpty, "\(file)")
            }
        }
    }

    @Test func encodedCommaDisplayNames() throws {
        let record = try Fixture.record(try Corpus.bytes("bugs/05-encoded-comma-display-name.eml"))
        #expect(record.from == Address(name: "Müller, Jörg", address: "j.mueller@example.com"))
        #expect(record.to == [
            Address(name: "Doe, Jane", address: "jane.doe@example.com"),
            Address(name: nil, address: "plain@example.net"),
        ])
        #expect(record.cc == [Address(name: "John \"Johnny\" Roe", address: "john.roe@example.com")])
    }

    @Test func bogusCharsetLabels() throws {
        let bytes = try Corpus.bytes("bugs/06-bogus-charset-labels.eml")
        let root = try EmailParser.parseStructure(bytes).get()
        #expect(root.children.map { $0.parameters["charset"] } == ["uft-8", "iso-8859-8-i", "1"])
        let texts = root.children.map { $0.text() }
        #expect(texts == ["Grüße aus Köln", "שלום עולם", "plain ascii"])

        let record = try Fixture.record(bytes)
        #expect(record.text == "Grüße aus Köln")
        #expect(record.parseNotes == ["charset 'uft-8' unknown; decoded as UTF-8"])
    }

    @Test func boundaryThatPrefixesTheInnerBoundary() throws {
        let bytes = try Corpus.bytes("bugs/08-boundary-prefix-of-inner-boundary.eml")
        let root = try EmailParser.parseStructure(bytes).get()
        #expect(root.contentType == "multipart/related")
        #expect(root.children.map(\.contentType) == ["multipart/alternative", "image/gif"])
        let alternative = root.children[0].children
        #expect(alternative.map(\.contentType) == ["text/plain", "text/html"])
        #expect(alternative.map { $0.text() } == ["Plain body.\r\n", "<p>HTML body.</p>\r\n"])
        let gif = root.children[1]
        #expect(try gif.decodedBody().get().count == 35)
        #expect(gif.header("Content-ID") == "<dot@example.com>")

        let record = try Fixture.record(bytes)
        #expect(record.text == "Plain body.")
        #expect(record.attachments.map(\.size) == [35])
    }
}
