import InflowCore
import InflowParse
import Testing

/// The CSV and JSON files of the shared corpus read as generic rows, and the CSV repros
/// checked against the values their expectations file gives.
@Suite(
    "Generic rows corpus",
    .enabled(if: Corpus.exists, "the shared corpus is not checked out beside the package"))
struct RowCorpusTests {
    private func rows(_ file: String) throws -> [GenericRow] {
        var rows: [GenericRow] = []
        let bytes = try Corpus.bytes(file)
        if file.hasSuffix(".csv") {
            try GenericRowReader.csv(bytes) { rows.append($0) }
        } else {
            try GenericRowReader.json(bytes) { rows.append($0) }
        }
        return rows
    }

    private func expected(_ file: String) throws -> JSON {
        .object(try Corpus.expected(file))
    }

    @Test func byteOrderMarkRepro() throws {
        let expected = try expected("15-csv-utf8-bom.csv")
        let rows = try rows("bugs/15-csv-utf8-bom.csv")

        #expect(rows.first?.fields.keys == expected.objectValue?["header"]?.arrayValue?.compactMap(\.stringValue))
        let wanted = expected.objectValue?["rows"]?.arrayValue?.compactMap(\.objectValue) ?? []
        #expect(rows.map(\.fields) == wanted)
    }

    @Test func embeddedLineBreakRepro() throws {
        let expected = try expected("16-csv-quoted-embedded-crlf.csv")
        let rows = try rows("bugs/16-csv-quoted-embedded-crlf.csv")

        let wanted = expected.objectValue?["rows"]?.arrayValue?.map { $0.arrayValue ?? [] } ?? []
        #expect(rows.map { $0.fields.pairs.map(\.value) } == wanted)
        #expect(rows.first?.fields.keys == expected.objectValue?["header"]?.arrayValue?.compactMap(\.stringValue))
    }

    @Test func hubSpotDateTimeRepro() throws {
        let expected = try expected("18-hubspot-datetime-formats.csv")
        let rows = try rows("bugs/18-hubspot-datetime-formats.csv")
        let wanted = expected.objectValue?["rows"]?.arrayValue?.compactMap(\.objectValue) ?? []
        try #require(rows.count == wanted.count)

        for (row, want) in zip(rows, wanted) {
            let text = try #require(row.fields["Create Date"]?.stringValue)
            let utc = HubSpotDateTime.parse(text, timeZone: nil)?.iso8601
            let newYork = HubSpotDateTime.parse(text, timeZone: "America/New_York")?.iso8601
            if let zoned = want["with_tz_America/New_York"]?.stringValue {
                #expect(utc == nil, "a UI export's wall time is never read as UTC")
                #expect(newYork == zoned)
            } else {
                #expect(utc == want["Create Date"]?.stringValue)
                #expect(newYork == utc)
            }
        }
    }

    @Test func everyCorpusCSVAndJSONFileReadsOrSaysWhy() throws {
        let files = Corpus.files(under: "csv", suffix: ".csv") + Corpus.files(under: "json", suffix: ".json")
        #expect(files.count > 90)
        var read = 0
        for file in files {
            do {
                read += try rows(file).isEmpty ? 0 : 1
            } catch let error as CSVReader.SyntaxError {
                #expect(error.line > 0, "\(file)")
            } catch let error as JSON.SyntaxError {
                #expect(!error.reason.isEmpty, "\(file)")
            }
        }
        #expect(read > files.count / 2)
    }
}
