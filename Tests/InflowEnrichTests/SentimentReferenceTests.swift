import FoundationEssentials
import InflowCore
import InflowEnrich
import Testing

/// One line of the shared reference set: a text and what `vaderSentiment` 3.3.2 returns for it.
struct SentimentReferenceCase: Sendable, CustomTestStringConvertible {
    var id: String
    var text: String
    var expected: Sentiment

    var testDescription: String {
        id
    }

    /// A case whose id is the text itself, for the hand-picked rule tables.
    init(_ text: String, _ compound: Double, _ pos: Double, _ neu: Double, _ neg: Double) {
        self.init(
            id: String(reflecting: text), text: text,
            expected: Sentiment(compound: compound, pos: pos, neu: neu, neg: neg))
    }

    init(id: String, text: String, expected: Sentiment) {
        self.id = id
        self.text = text
        self.expected = expected
    }
}

/// Checks the scorer against every line of the shared reference set, read at run time.
@Suite struct SentimentReferenceTests {
    static let referencePath = SentimentTestSupport.packageRoot
        + "/../shared/reference/sentiment-reference.jsonl"

    /// The reference lines, or none when the shared folder is absent.
    static let cases: [SentimentReferenceCase] = loadCases()
    /// The number of non-empty lines in the file, to catch lines the loader could not read.
    static let lineCount = referenceLines().count

    static var haveReference: Bool {
        !cases.isEmpty
    }

    @Test(
        .enabled(if: haveReference, "no reference set at ../shared/reference beside the package"),
        arguments: cases)
    func matchesReference(_ reference: SentimentReferenceCase) throws {
        let actual = try SentimentTestSupport.analyzer().score(reference.text)
        #expect(abs(actual.compound - reference.expected.compound) <= 1e-4, "\(actual)")
        #expect(abs(actual.pos - reference.expected.pos) <= 1e-3, "\(actual)")
        #expect(abs(actual.neu - reference.expected.neu) <= 1e-3, "\(actual)")
        #expect(abs(actual.neg - reference.expected.neg) <= 1e-3, "\(actual)")
    }

    /// Stronger than the tolerance: every line reproduces the reference's rounded numbers.
    @Test(.enabled(if: haveReference, "no reference set at ../shared/reference beside the package"))
    func everyLineMatchesExactly() throws {
        let analyzer = try SentimentTestSupport.analyzer()
        let mismatches = Self.cases.filter { analyzer.score($0.text) != $0.expected }.map(\.id)
        #expect(Self.cases.count == Self.lineCount)
        let exact = Self.cases.count - mismatches.count
        #expect(mismatches == [], "\(exact) of \(Self.cases.count) lines match exactly")
    }

    private static func referenceLines() -> [Data.SubSequence] {
        let url = URL(fileURLWithPath: referencePath)
        guard let bytes = try? Data(contentsOf: url) else { return [] }
        return bytes.split(separator: UInt8(ascii: "\n"))
    }

    private static func loadCases() -> [SentimentReferenceCase] {
        referenceLines().compactMap { line in
            guard let object = (try? JSON.parse(line))?.objectValue,
                let id = object.string("id"), let text = object.string("text"),
                let compound = object.double("compound"), let pos = object.double("pos"),
                let neu = object.double("neu"), let neg = object.double("neg")
            else { return nil }
            let expected = Sentiment(compound: compound, pos: pos, neu: neu, neg: neg)
            return SentimentReferenceCase(id: id, text: text, expected: expected)
        }
    }
}
