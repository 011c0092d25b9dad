import Testing

import InflowCore

@Suite struct CSVReaderTests {
    private func records(_ text: String) throws -> [[String]] {
        try CSVReader.records(Array(text.utf8))
    }

    @Test func readsPlainRecordsWithLFAndCRLF() throws {
        #expect(try records("a,b,c\n1,2,3\r\n4,5,6") == [["a", "b", "c"], ["1", "2", "3"],
                                                        ["4", "5", "6"]])
    }

    @Test func readsOldMacCarriageReturns() throws {
        #expect(try records("a,b\r1,2\r") == [["a", "b"], ["1", "2"]])
    }

    @Test func quotedFieldsKeepSeparatorsQuotesAndLineBreaks() throws {
        let text = "id,note\r\n1,\"Acme, \"\"the\"\" best\"\r\n2,\"line one\r\nline two\"\r\n"
        #expect(try records(text) == [
            ["id", "note"], ["1", "Acme, \"the\" best"], ["2", "line one\r\nline two"],
        ])
    }

    @Test func skipsByteOrderMarkAndBlankLines() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id,name\n\n\r\n1,Acme\n".utf8)
        #expect(try CSVReader.records(bytes) == [["id", "name"], ["1", "Acme"]])
    }

    @Test func keepsEmptyFieldsIncludingTrailingOnes() throws {
        #expect(try records("a,,c,\n,\n\"\",x") == [["a", "", "c", ""], ["", ""], ["", "x"]])
    }

    @Test func decodesUTF8AndHonoursOtherSeparators() throws {
        let bytes = Array("name;city\nMüller;Zürich\n".utf8)
        #expect(try CSVReader.records(bytes, separator: UInt8(ascii: ";"))
            == [["name", "city"], ["Müller", "Zürich"]])
    }

    @Test func reportsWhereEachRecordStarts() throws {
        var reader = CSVReader(bytes: Array("a\n\"x\ny\"\n\nb\n".utf8))
        var starts: [Int] = []
        while try reader.nextRecord() != nil {
            starts.append(reader.recordLine)
        }
        #expect(starts == [1, 2, 5])
    }

    @Test func unterminatedQuoteNamesTheLineItStarted() {
        #expect(throws: CSVReader.SyntaxError(reason: "quoted field is not closed", line: 2)) {
            try records("a,b\n1,\"open\nstill open\n")
        }
    }

    @Test func textAfterClosingQuoteIsAnError() {
        #expect(throws: CSVReader.SyntaxError(
            reason: "text after the closing quote of a field", line: 1)
        ) {
            try records("\"quoted\"tail,b\n")
        }
    }

    @Test func quotesInsideUnquotedFieldsAreText() throws {
        #expect(try records("5\" disk,b") == [["5\" disk", "b"]])
    }

    @Test func emptyInputHasNoRecords() throws {
        #expect(try records("").isEmpty)
        #expect(try CSVReader.records([0xEF, 0xBB, 0xBF]).isEmpty)
    }
}
