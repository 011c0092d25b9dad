import Testing

@testable import InflowEnrich

@Suite struct MatchingNameTests {
    @Test(arguments: [
        ("Acme Widgets Ltd", ["acme", "widgets"]),
        ("Kitsune Example K.K.", ["kitsune", "example"]),
        ("Nordlys Energi A/S", ["nordlys", "energi"]),
        ("Lakeview & Sons Co.", ["lakeview", "and", "sons"]),
        ("The Acme Widgets Co. Ltd", ["acme", "widgets"]),
        ("Fabrikam, Inc.", ["fabrikam"]),
        ("Ltd", ["ltd"]),
        ("Inc. Ltd", ["inc"]),
        ("Müller Maschinenbau GmbH", ["muller", "maschinenbau"]),
        ("Bødker Straße ApS", ["bodker", "strasse"]),
        ("Łódź Œuvre Þór", ["lodz", "oeuvre", "thor"]),
        ("O’Brien's Café", ["obriens", "cafe"]),
        ("A. Datum Corporation", ["a", "datum"]),
        ("ＦＡＢＲＩＫＡＭ ﬁne", ["fabrikam", "fine"]),
        ("Hewlett-Packard", ["hewlett", "packard"]),
        ("𝐚𝐜𝐦𝐞 ①② ⅻ x²", ["acme", "12", "xii", "x2"]),
        ("İstanbul Ǆemal", ["istanbul", "dzemal"]),
        ("  ", []),
    ])
    func normalisesNames(name: String, tokens: [String]) {
        #expect(NameKey.tokens(name) == tokens)
    }

    @Test(arguments: [
        ("Rita Gomez | Acme Widgets",
         [["rita", "gomez", "acme", "widgets"], ["rita", "gomez"], ["acme", "widgets"]]),
        ("Kim Park (Tailspin)", [["kim", "park", "tailspin"], ["kim", "park"], ["tailspin"]]),
        ("Kim AT Acme", [["kim", "at", "acme"], ["kim"], ["acme"]]),
        ("Jo from Acme via HubSpot", [["jo", "from", "acme", "via", "hubspot"], ["jo"], ["acme"],
                                      ["hubspot"]]),
        ("Jo – Acme; Sales", [["jo", "acme", "sales"], ["jo"], ["acme"], ["sales"]]),
        ("Hewlett-Packard", [["hewlett", "packard"]]),
        ("Kat Atkins", [["kat", "atkins"]]),
        ("()", []),
    ])
    func splitsDisplayNamesIntoSegments(displayName: String, segments: [[String]]) {
        #expect(NameKey.segments(displayName) == segments)
    }

    @Test(arguments: [
        ("martha", "marhta", 0.9611111111111111),
        ("dwayne", "duane", 0.8400000000000001),
        ("dixon", "dicksonx", 0.8133333333333332),
        ("wingtip toy", "wingtip toys", 0.9833333333333333),
        ("cafe lumen", "cafe lumiere", 0.9299999999999999),
        ("tailspin", "tailspin toys", 0.9230769230769231),
        ("northwind", "northwind traders", 0.9058823529411765),
        ("crm", "cmr", 0.5555555555555555),
        ("abc", "xyz", 0.0),
        ("same", "same", 1.0),
    ])
    func jaroWinklerMatchesTheReference(a: String, b: String, expected: Double) {
        #expect(abs(JaroWinkler.similarity(Array(a.utf8), Array(b.utf8)) - expected) < 1e-12)
    }

    @Test func jaroWinklerOfEmptyStringsIsZero() {
        #expect(JaroWinkler.similarity([], Array("a".utf8)) == 0)
    }
}
