import InflowCore

/// Turns per-token valences into the four VADER scores: the `but` reweighting, punctuation
/// emphasis, the compound normalisation and the positive / neutral / negative proportions.
extension SentimentAnalyzer {
    /// Halves the valences before the first `but` and raises those after it by half.
    ///
    /// Copies the reference exactly, including its quirk: each position is found again by
    /// value, so when an earlier, already scaled valence equals the current one, the earlier
    /// position is scaled a second time and the current one is left alone.
    func reweightAroundBut(_ valences: inout [Double], tokens: [Token]) {
        let but = vocabulary.named.but
        guard let butIndex = tokens.firstIndex(where: { $0.word == but }) else { return }

        for position in valences.indices {
            let value = valences[position]
            guard let first = valences.firstIndex(of: value) else { continue }
            if first < butIndex {
                valences[first] = value * VaderConstants.beforeButWeight
            } else if first > butIndex {
                valences[first] = value * VaderConstants.afterButWeight
            }
        }
    }

    /// The emphasis `!` and `?` add: 0.292 per `!` up to four, and for `?` nothing for one,
    /// 0.18 each for two or three, 0.96 for more.
    func punctuationEmphasis(_ scan: TextScan) -> Double {
        let exclamations = min(scan.exclamations, VaderConstants.maximumExclamations)
        let exclamationEmphasis = Double(exclamations) * VaderConstants.exclamationIncrement
        var questionEmphasis = 0.0
        if scan.questions > 3 {
            questionEmphasis = VaderConstants.manyQuestionsEmphasis
        } else if scan.questions > 1 {
            questionEmphasis = Double(scan.questions) * VaderConstants.questionIncrement
        }
        return exclamationEmphasis + questionEmphasis
    }

    /// The compound and proportions of a non-empty list of valences, rounded as Python does.
    func summary(of valences: [Double], emphasis: Double) -> Sentiment {
        var sum = 0.0
        for valence in valences {
            sum += valence
        }
        if sum > 0 { sum += emphasis } else if sum < 0 { sum -= emphasis }
        let compound = Self.normalized(sum)

        var positive = 0.0
        var negative = 0.0
        var neutral = 0
        for valence in valences {
            if valence > 0 { positive += valence + 1 }
            if valence < 0 { negative += valence - 1 }
            if valence == 0 { neutral += 1 }
        }
        if positive > negative.magnitude {
            positive += emphasis
        } else if positive < negative.magnitude {
            negative -= emphasis
        }

        let total = positive + negative.magnitude + Double(neutral)
        return Sentiment(
            compound: PythonRounding.round(compound, places: 4),
            pos: PythonRounding.round((positive / total).magnitude, places: 3),
            neu: PythonRounding.round((Double(neutral) / total).magnitude, places: 3),
            neg: PythonRounding.round((negative / total).magnitude, places: 3))
    }

    /// Maps a sum onto -1...1 with `s / sqrt(s² + 15)`.
    private static func normalized(_ sum: Double) -> Double {
        let score = sum / (sum * sum + VaderConstants.normalizationAlpha).squareRoot()
        return min(max(score, -1), 1)
    }
}
