import InflowCore
import Testing

@Suite struct JSONFieldsTests {
    private let line = Array(#"{"id":"a\"b","origin":{"file":"x}","offset":3},"n":[1,{"k":"]"}],"t":true}"#.utf8)

    @Test func findsTopLevelFieldsWithoutDecodingThem() throws {
        let fields = try #require(JSONFields(line))
        #expect(fields.fields.map(\.key) == ["id", "origin", "n", "t"])
        #expect(fields.string("id") == "a\"b")
        #expect(fields["origin"]?.objectValue?.int("offset") == 3)
        #expect(fields["t"] == .bool(true))
        #expect(fields["missing"] == nil)
    }

    @Test func removingKeysGivesTheSerialisationOfTheRest() throws {
        let fields = try #require(JSONFields(line))
        var object = try #require(try JSON.parse(line).objectValue)
        object["origin"] = nil
        #expect(fields.removing(["origin"]) == JSON.object(object).serialized())
    }

    @Test func replacingKeepsOrderAndAppendsNewKeys() throws {
        let fields = try #require(JSONFields(Array(#"{"a":1,"b":null,"c":"x"}"#.utf8)))
        let line = fields.replacing(["b": .int(2), "z": .bool(false)], removing: ["c"])
        #expect(String(decoding: line, as: UTF8.self) == #"{"a":1,"b":2,"z":false}"#)
    }

    @Test(arguments: ["", "[1]", "{", #"{"a" 1}"#, #"{"a":}"#, #"{"a":1,}"#, #"{"a":"x"#])
    func refusesWhatIsNotAnObject(text: String) {
        #expect(JSONFields(Array(text.utf8)) == nil)
    }

    @Test func readsAnEmptyObject() throws {
        #expect(try #require(JSONFields(Array("{}".utf8))).fields.isEmpty)
    }
}
