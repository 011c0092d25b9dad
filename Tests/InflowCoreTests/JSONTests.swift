import InflowCore
import Testing

@Suite struct JSONTests {
    @Test func serialisesInDeclaredKeyOrder() {
        let value = JSON.object(JSONObject([("b", .int(1)), ("a", .array([.null, .bool(true)]))]))
        #expect(value.text == #"{"b":1,"a":[null,true]}"#)
    }

    @Test(arguments: [
        ("tab\there", #""tab\there""#),
        ("quote\"back\\slash", #""quote\"back\\slash""#),
        ("bell\u{07}", #""bell\u0007""#),
        ("line\nbreak\r", #""line\nbreak\r""#),
        ("ünïcödé ✓", "\"ünïcödé ✓\""),
    ])
    func escapesStrings(input: String, expected: String) {
        #expect(JSON.string(input).text == expected)
    }

    @Test func writesShortestDoubles() {
        #expect(JSON.double(0.5).text == "0.5")
        #expect(JSON.double(0.1 + 0.2).text == "0.30000000000000004")
        #expect(JSON.double(.nan).text == "null")
    }

    @Test func parsesWhatItWrites() throws {
        let value = JSON.object(JSONObject([
            ("id", .string("a\"b\\c\u{1}")), ("n", .int(-42)), ("x", .double(1.25)),
            ("nested", .object(JSONObject([("list", .array([.bool(false), .null, .string("é")]))]))),
        ]))
        #expect(try JSON.parse(value.serialized()) == value)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        #expect(try JSON.parse(#""\u00e9\ud83d\ude00\n\/""#) == .string("é😀\n/"))
        #expect(try JSON.parse(#""\ud800x""#) == .string("\u{FFFD}x"))
    }

    @Test func keepsIntegersAndDoublesApart() throws {
        #expect(try JSON.parse("12") == .int(12))
        #expect(try JSON.parse("12.0") == .double(12))
        #expect(try JSON.parse("1e3") == .double(1000))
        #expect(try JSON.parse("-0.5e-1") == .double(-0.05))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01", "\"\u{1}\"", "tru", "1 2", "{\"a\":1,}", "-"])
    func rejectsMalformedText(text: String) {
        #expect(throws: JSON.SyntaxError.self) { try JSON.parse(text) }
    }

    @Test func reportsTheOffsetOfTheFault() {
        #expect(throws: JSON.SyntaxError(reason: "expected ',' or ']'", offset: 3)) {
            try JSON.parse("[1 2]")
        }
    }

    @Test func rejectsInvalidUTF8InStrings() {
        #expect(throws: JSON.SyntaxError.self) { try JSON.parse([0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test func limitsNesting() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSON.SyntaxError.self) { try JSON.parse(deep) }
    }

    @Test func objectSubscriptReplacesInPlaceAndRemoves() {
        var object = JSONObject([("a", .int(1)), ("b", .int(2))])
        object["a"] = .int(3)
        object["c"] = .int(4)
        object["b"] = nil
        #expect(JSON.object(object).text == #"{"a":3,"c":4}"#)
    }

    @Test func prettyPrintsWithIndent() {
        let value = JSON.object(JSONObject([("a", .array([.int(1)])), ("b", .object(JSONObject()))]))
        #expect(value.prettyText() == "{\n  \"a\": [\n    1\n  ],\n  \"b\": {}\n}")
    }
}
