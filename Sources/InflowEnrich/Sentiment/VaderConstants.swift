// The word lists and constants below are data from vaderSentiment 3.3.2, used under its licence:
//
// The MIT License (MIT)
//
// Copyright (c) 2016 C.J. Hutto
//
// Permission is hereby granted, free of charge, to any person obtaining a copy
// of this software and associated documentation files (the "Software"), to deal
// in the Software without restriction, including without limitation the rights
// to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
// copies of the Software, and to permit persons to whom the Software is
// furnished to do so, subject to the following conditions:
//
// The above copyright notice and this permission notice shall be included in all
// copies or substantial portions of the Software.
//
// THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
// IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
// FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
// AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
// LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
// OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
// SOFTWARE.

/// The fixed numbers and word lists of the VADER rules, exactly as the reference uses them.
enum VaderConstants {
    /// Added to a word's valence by a booster such as `very`.
    static let boosterIncrement = 0.293
    /// Added to a word's valence by a dampener such as `slightly`.
    static let dampenerIncrement = -0.293
    /// Added (or subtracted, for negative words) when a word or modifier is in ALL CAPS.
    static let capsIncrement = 0.733
    /// Multiplies the valence of a negated word.
    static let negationScalar = -0.74
    /// Weakens a modifier two tokens back.
    static let distanceTwoDamping = 0.95
    /// Weakens a modifier three tokens back.
    static let distanceThreeDamping = 0.9
    /// Multiplies a word after `never so` / `never this` (and, quirk, after any `so` / `this`).
    static let neverSoScalar = 1.25
    /// Weight of the words before the first `but`.
    static let beforeButWeight = 0.5
    /// Weight of the words after the first `but`.
    static let afterButWeight = 1.5
    /// Emphasis per `!`, counted up to `maximumExclamations` times.
    static let exclamationIncrement = 0.292
    static let maximumExclamations = 4
    /// Emphasis per `?` when a text has two or three of them.
    static let questionIncrement = 0.18
    /// Flat emphasis when a text has more than three `?`.
    static let manyQuestionsEmphasis = 0.96
    /// Approximates the largest expected sum in the compound normalisation.
    static let normalizationAlpha = 15.0

    /// Words that negate the word after them (besides any token containing `n't`).
    static let negations = [
        "aint", "ain't", "arent", "aren't", "cannot", "cant", "can't", "couldnt", "couldn't",
        "darent", "daren't", "despite", "didnt", "didn't", "doesnt", "doesn't", "dont", "don't",
        "hadnt", "hadn't", "hasnt", "hasn't", "havent", "haven't", "isnt", "isn't", "mightnt",
        "mightn't", "mustnt", "mustn't", "neednt", "needn't", "neither", "never", "none", "nope",
        "nor", "not", "nothing", "nowhere", "oughtnt", "oughtn't", "rarely", "seldom", "shant",
        "shan't", "shouldnt", "shouldn't", "uhuh", "uh-uh", "wasnt", "wasn't", "werent",
        "weren't", "without", "wont", "won't", "wouldnt", "wouldn't",
    ]

    /// One-token words that raise the intensity of the word they precede.
    static let boosters = [
        "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably",
        "decidedly", "deeply", "effing", "enormous", "enormously", "entirely", "especially",
        "exceptional", "exceptionally", "extreme", "extremely", "fabulously", "flipping",
        "flippin", "frackin", "fracking", "fricking", "frickin", "frigging", "friggin", "fully",
        "fuckin", "fucking", "fuggin", "fugging", "greatly", "hella", "highly", "hugely",
        "incredible", "incredibly", "intensely", "major", "majorly", "more", "most",
        "particularly", "purely", "quite", "really", "remarkably", "so", "substantially",
        "thoroughly", "total", "totally", "tremendous", "tremendously", "uber", "unbelievably",
        "unusually", "utter", "utterly", "very",
    ]

    /// One-token words that lower the intensity of the word they precede.
    static let dampeners = [
        "almost", "barely", "hardly", "kinda", "kindof", "kind-of", "less", "little", "marginal",
        "marginally", "occasional", "occasionally", "partly", "scarce", "scarcely", "slight",
        "slightly", "somewhat", "sorta", "sortof", "sort-of",
    ]

    /// Two-token dampeners; they act only through the phrase step, never as single tokens.
    static let dampenerPairs = [("kind", "of"), ("sort", "of"), ("just", "enough")]

    /// Two-token phrases whose value replaces the valence of a word inside or next to them.
    ///
    /// The reference also lists the one-token `badass`, which no two-token window can equal,
    /// so it is left out here.
    static let phrasePairs: [(String, String, Double)] = [
        ("the", "shit", 3), ("the", "bomb", 3), ("bad", "ass", 1.5), ("bus", "stop", 0),
        ("yeah", "right", -2), ("beating", "heart", 3.5),
    ]

    /// Three-token phrases whose value replaces the valence of a word inside or next to them.
    static let phraseTriples: [(String, String, String, Double)] = [
        ("kiss", "of", "death", -1.5), ("to", "die", "for", 3),
    ]
}
