import InflowCore
import InflowParse
import Testing

@Suite struct GenericRowsTests {
    private func csvRows(_ bytes: [UInt8]) throws -> [GenericRow] {
        var rows: [GenericRow] = []
        try GenericRowReader.csv(bytes) { rows.append($0) }
        return rows
    }

    private func jsonRows(_ text: String) throws(JSON.SyntaxError) -> [GenericRow] {
        var rows: [GenericRow] = []
        try GenericRowReader.json(Array(text.utf8)) { rows.append($0) }
        return rows
    }

    private func texts(_ row: GenericRow) -> [String: String?] {
        Dictionary(uniqueKeysWithValues: row.fields.pairs.map { ($0.key, $0.value.stringValue) })
    }

    @Test func byteOrderMarkIsNotPartOfTheFirstHeader() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(
            "Email,First Name,Last Name\r\nann@example.com,Ann,Example\r\nbo@example.com,Bo,Sample\r\n".utf8)
        let rows = try csvRows(bytes)

        try #require(rows.count == 2)
        #expect(rows[0].fields.keys == ["Email", "First Name", "Last Name"])
        #expect(texts(rows[0]) == ["Email": "ann@example.com", "First Name": "Ann", "Last Name": "Example"])
        #expect(texts(rows[1]) == ["Email": "bo@example.com", "First Name": "Bo", "Last Name": "Sample"])
        #expect(rows.map(\.number) == [1, 2])
    }

    @Test func quotedFieldKeepsEmbeddedLineBreaksVerbatim() throws {
        let text = "key,value\r\ntest1,test2\r\ntest3,\"test4\r\n\r\ntest5\"\r\ntest6,test7\r\n"
        let rows = try csvRows(Array(text.utf8))

        #expect(rows.map { [$0.fields["key"]?.stringValue, $0.fields["value"]?.stringValue] } == [
            ["test1", "test2"], ["test3", "test4\r\n\r\ntest5"], ["test6", "test7"],
        ])
    }

    @Test func repeatedHeadersAndRaggedRowsGetNamesAndNulls() throws {
        let rows = try csvRows(Array("a,a,b,a\n1,2,3,4,5\n6\n".utf8))

        #expect(rows[0].fields.keys == ["a", "a (2)", "b", "a (3)", "column 5"])
        #expect(rows[0].fields["column 5"] == .string("5"))
        #expect(rows[1].fields["a"] == .string("6"))
        #expect(rows[1].fields["b"] == .null)
    }

    @Test func uniqueNamesSkipANameAlreadyTaken() {
        #expect(GenericRowReader.uniqueNames(["x", "x (2)", "x"]) == ["x", "x (2)", "x (3)"])
    }

    @Test func rowWritesTheInspectShape() throws {
        let rows = try csvRows(Array("h\nv\n".utf8))

        #expect(rows[0].json.text == #"{"type":"row","row":1,"fields":{"h":"v"}}"#)
    }

    @Test func unclosedQuoteThrowsAfterTheRowsBeforeIt() {
        var rows: [GenericRow] = []
        #expect(throws: CSVReader.SyntaxError(reason: "quoted field is not closed", line: 3)) {
            try GenericRowReader.csv(Array("h\nok\n\"open\n".utf8)) { rows.append($0) }
        }
        #expect(rows.count == 1)
    }

    @Test func jsonArrayOfObjectsWritesNestedValuesAsJSONText() throws {
        let rows = try jsonRows(#"[{"id": 7, "tags": ["a", "b"], "owner": {"n": 1}, "x": null, "ok": true}, "s"]"#)

        try #require(rows.count == 2)
        #expect(rows[0].fields.keys == ["id", "tags", "owner", "x", "ok"])
        #expect(rows[0].fields["id"] == .string("7"))
        #expect(rows[0].fields["tags"] == .string(#"["a","b"]"#))
        #expect(rows[0].fields["owner"] == .string(#"{"n":1}"#))
        #expect(rows[0].fields["x"] == .null)
        #expect(rows[0].fields["ok"] == .string("true"))
        #expect(rows[1].fields == JSONObject([("value", .string("s"))]))
    }

    @Test func singleObjectIsOneRow() throws {
        let rows = try jsonRows(#"{"name": "Acme"}"#)

        #expect(rows.map(\.number) == [1])
        #expect(rows[0].fields["name"] == .string("Acme"))
    }

    @Test func jsonLinesGiveOneRowPerLine() throws {
        let rows = try jsonRows("{\"a\": 1}\n\n{\"a\": 2}\r\n")

        #expect(rows.map(\.number) == [1, 2])
        #expect(rows.map { $0.fields["a"] } == [.string("1"), .string("2")])
    }

    @Test func badJSONLineIsNamed() {
        #expect(throws: JSON.SyntaxError.self) {
            try jsonRows("{\"a\": 1}\n{\"a\": \n")
        }
        do {
            _ = try jsonRows("{\"a\": 1}\n{oops}\n")
            Issue.record("a bad line must throw")
        } catch {
            #expect(error.reason.hasPrefix("line 2: "))
            #expect(error.offset == 10)
        }
    }

    @Test func brokenMultiLineDocumentReportsTheDocumentError() {
        do {
            _ = try jsonRows("{\n  \"a\": 1,\n  \"b\": \n}\n")
            Issue.record("a broken document must throw")
        } catch {
            #expect(!error.reason.hasPrefix("line "))
            #expect(error.offset == 20)
        }
    }
}
