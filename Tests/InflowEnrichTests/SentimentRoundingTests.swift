@testable import InflowEnrich
import Testing

/// Python's `round(x, n)` on the exact binary value, ties to even; expected values from CPython.
@Suite struct SentimentRoundingTests {
    struct Rounding: Sendable, CustomTestStringConvertible {
        var value: Double
        var places: Int
        var expected: Double

        var testDescription: String {
            "round(\(value), \(places))"
        }
    }

    @Test(arguments: [
        Rounding(value: 0.0625, places: 3, expected: 0.062),
        Rounding(value: 0.9375, places: 3, expected: 0.938),
        Rounding(value: 0.1235, places: 3, expected: 0.123),
        Rounding(value: 0.0005, places: 3, expected: 0.001),
        Rounding(value: 2.675, places: 2, expected: 2.67),
        Rounding(value: 0.12345, places: 4, expected: 0.1235),
        Rounding(value: -0.0625, places: 3, expected: -0.062),
        Rounding(value: -0.4767499999, places: 4, expected: -0.4767),
        Rounding(value: 0.00015, places: 4, expected: 0.0001),
        Rounding(value: 0.99995, places: 4, expected: 1.0),
        Rounding(value: 0.5, places: 0, expected: 0),
        Rounding(value: 1.5, places: 0, expected: 2),
        Rounding(value: 2.5, places: 0, expected: 2),
        Rounding(value: 1e-20, places: 3, expected: 0),
    ])
    func matchesPython(_ rounding: Rounding) {
        #expect(PythonRounding.round(rounding.value, places: rounding.places) == rounding.expected)
    }

    @Test func keepsTheSignOfTinyNegatives() {
        let rounded = PythonRounding.round(-1e-20, places: 4)
        #expect(rounded == 0 && rounded.sign == .minus)
    }
}
