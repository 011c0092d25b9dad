import InflowCore
import InflowEnrich
import Testing

/// Scores worked out by hand from the rules and the lexicon values (good 1.9, bad -2.5,
/// problem -1.7), independent of the reference implementation's output.
@Suite struct SentimentHandComputedTests {
    /// A text and the sum of its token valences plus punctuation emphasis, by hand.
    struct Worked: Sendable, CustomTestStringConvertible {
        var text: String
        var sum: Double

        var testDescription: String {
            String(reflecting: text)
        }
    }

    /// VADER's normalisation, `s / sqrt(s² + 15)`.
    private static func compound(_ sum: Double) -> Double {
        sum / (sum * sum + 15).squareRoot()
    }

    @Test(arguments: [
        Worked(text: "good", sum: 1.9),
        Worked(text: "very good", sum: 1.9 + 0.293),
        Worked(text: "not good", sum: 1.9 * -0.74),
        Worked(text: "HARDLY good", sum: 1.9 + (-0.293 + 0.733)),
        Worked(text: "good!!!", sum: 1.9 + 3 * 0.292),
        Worked(text: "The food is so good", sum: (1.9 + 0.293) * 1.25),
        Worked(text: "It was kind of bad", sum: -2.5 - 0.293),
        Worked(text: "good but bad", sum: 1.9 * 0.5 + -2.5 * 1.5),
        Worked(text: "no problem", sum: 0 + -1.7 * -0.74),
        Worked(text: "very bad??", sum: -2.5 - 0.293 - 2 * 0.18),
    ])
    func compoundFollowsTheRules(_ worked: Worked) throws {
        let score = try SentimentTestSupport.analyzer().score(worked.text)
        #expect(abs(score.compound - Self.compound(worked.sum)) <= 0.00005)
    }

    /// `very good`: `very` is neutral (1), `good` is 2.193 + 1 on the positive side.
    @Test func proportionsCountModifiersAsNeutral() throws {
        let score = try SentimentTestSupport.analyzer().score("very good")
        #expect(abs(score.pos - 3.193 / 4.193) <= 0.0005)
        #expect(abs(score.neu - 1 / 4.193) <= 0.0005)
        #expect(score.neg == 0)
        #expect(abs(score.score - (score.compound + 1) / 2) < 1e-12)
    }

    /// Emphasis goes to the larger side: `good but bad!` adds 0.292 to the negative sum.
    @Test func emphasisGoesToTheLargerSide() throws {
        let score = try SentimentTestSupport.analyzer().score("good but bad!")
        let positive = 0.95 + 1
        let negative = 3.75 + 1 + 0.292
        let total = positive + negative + 1
        #expect(abs(score.pos - positive / total) <= 0.0005)
        #expect(abs(score.neg - negative / total) <= 0.0005)
        #expect(abs(score.neu - 1 / total) <= 0.0005)
    }
}
