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

/// Checks the name index, with its length and character-count pruning, against a direct
/// reading of the rule on generated near-miss names.
@Suite struct MatchingNameIndexTests {
    /// A small deterministic generator (64-bit LCG), so failures reproduce.
    private struct Generator {
        var state: UInt64

        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    private static let words = [
        "acme", "widgets", "globex", "initech", "tailspin", "toys", "wingtip", "northwind",
        "traders", "contoso", "pharma", "fabrikam", "lakeside", "dental", "river", "physio",
        "blue", "yonder", "airlines", "coho", "winery", "adatum", "litware", "proseware",
    ]

    private static func mutate(_ word: String, _ generator: inout Generator) -> String {
        var bytes = Array(word.utf8)
        switch generator.next(4) {
        case 0 where bytes.count > 3: bytes.remove(at: generator.next(bytes.count))
        case 1:
            let letter = UInt8(ascii: "a") + UInt8(generator.next(26))
            bytes.insert(letter, at: generator.next(bytes.count))
        case 2 where bytes.count > 2:
            let i = generator.next(bytes.count - 1)
            bytes.swapAt(i, i + 1)
        default: break
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func phrase(
        _ count: Int, _ generator: inout Generator, mutated: Bool
    ) -> String {
        (0..<count).map { _ in
            let word = words[generator.next(words.count)]
            return mutated ? mutate(word, &generator) : word
        }.joined(separator: " ")
    }

    /// The rule read directly: every name, every window, best client, ties ambiguous.
    private static func reference(_ names: [[String]], _ displayName: String)
        -> ClientNameIndex.Outcome
    {
        var scores: [Int: Double] = [:]
        for (client, clientNames) in names.enumerated() {
            for name in clientNames {
                let tokens = NameKey.tokens(name)
                guard tokens.joined().count >= 3 else { continue }
                for segment in NameKey.segments(displayName) {
                    let windows = segment.count >= tokens.count
                        ? (0...(segment.count - tokens.count)).map {
                            Array(segment[$0..<($0 + tokens.count)])
                        }
                        : [segment]
                    for window in windows {
                        let score: Double
                        if window.joined() == tokens.joined() {
                            score = 1
                        } else if tokens.count >= 2 {
                            score = JaroWinkler.similarity(
                                Array(window.joined(separator: " ").utf8),
                                Array(tokens.joined(separator: " ").utf8))
                        } else {
                            score = 0
                        }
                        scores[client] = max(scores[client] ?? 0, score)
                    }
                }
            }
        }
        guard let best = scores.values.max(), best >= ClientNameIndex.threshold else {
            return .none
        }
        let top = scores.filter { $0.value == best }.map(\.key)
        return top.count == 1 ? .match(client: top[0], score: best) : .ambiguous
    }

    @Test func prunedSearchAgreesWithTheRule() {
        var generator = Generator(state: 2_026)
        let names = (0..<100).map { _ in
            [Self.phrase(1 + generator.next(3), &generator, mutated: false)]
                + (generator.next(3) == 0 ? [Self.phrase(1, &generator, mutated: false)] : [])
        }
        let index = ClientNameIndex(names: names)
        var exact = 0
        var fuzzy = 0
        for _ in 0..<250 {
            let separator = [" | ", " (", " at ", " "][generator.next(4)]
            let displayName = Self.phrase(1 + generator.next(2), &generator, mutated: true)
                + separator + Self.phrase(1 + generator.next(3), &generator, mutated: true)
            let expected = Self.reference(names, displayName)
            #expect(index.search(displayName) == expected, "\(displayName)")
            if case .match(_, let score) = expected {
                if score == 1 { exact += 1 } else { fuzzy += 1 }
            }
        }
        #expect(exact >= 10)
        #expect(fuzzy >= 5)
    }

    @Test func signatureBoundNeverUndercutsTheScore() {
        var generator = Generator(state: 7)
        var signatures = NameSignatures()
        var keys: [[UInt8]] = []
        for _ in 0..<60 {
            let key = Array(Self.phrase(1 + generator.next(3), &generator, mutated: false).utf8)
            keys.append(key)
            signatures.append(NameSignature(key))
        }
        for _ in 0..<200 {
            let probe = Array(Self.phrase(1 + generator.next(3), &generator, mutated: true).utf8)
            for (index, key) in keys.enumerated() {
                let score = JaroWinkler.similarity(probe, key)
                let bound = signatures.bound(NameSignature(probe), against: index, floor: 0)
                #expect(bound >= score, "\(String(decoding: probe, as: UTF8.self)) ~ \(index)")
            }
        }
    }

    @Test func signatureBoundIsTightForADroppedLetter() {
        let key = Array("wingtip toys".utf8)
        let probe = Array("wingtip toy".utf8)
        var signatures = NameSignatures()
        signatures.append(NameSignature(key))
        let bound = signatures.bound(NameSignature(probe), against: 0, floor: 0)
        #expect(abs(bound - JaroWinkler.similarity(probe, key)) < 1e-6)
    }
}
