public import InflowCore

/// Scores the sentiment of a text with the VADER rules, matching the reference implementation
/// (`vaderSentiment` 3.3.2) number for number, quirks included.
///
/// The analyzer is an immutable value built once from a `SentimentLexicon` and shared across
/// threads. Scoring works on the text's UTF-8 bytes: one pass replaces emoji, one splits tokens
/// and counts `!` and `?`, and words are looked up by their bytes, so a text costs a few small
/// allocations however long it is.
public struct SentimentAnalyzer: Sendable {
    let vocabulary: Vocabulary
    /// Description bytes by emoji code point.
    let emoji: [UInt32: [UInt8]]
    /// The smallest emoji code point; nothing below it needs a dictionary lookup.
    let smallestEmoji: UInt32

    /// Prepares an analyzer: merges the lexicon with the fixed word lists into one vocabulary.
    ///
    /// - Parameter lexicon: the loaded word and emoji lexicons.
    public init(lexicon: SentimentLexicon) {
        vocabulary = Vocabulary(lexicon: lexicon)
        emoji = lexicon.emoji
        smallestEmoji = lexicon.emoji.keys.min() ?? UInt32.max
    }

    /// The VADER scores of a text: compound rounded to 4 places, pos/neu/neg to 3, rounded the
    /// way Python's `round` does.
    ///
    /// - Parameter text: any text; an empty or whitespace-only text scores all zeros.
    /// - Returns: the four scores; `score` on the result maps compound onto 0...1.
    /// - Complexity: O(n) in the length of the text.
    public func score(_ text: String) -> Sentiment {
        var text = text
        return text.withUTF8 { bytes in
            guard let replaced = replacingEmoji(in: bytes) else { return score(utf8: bytes) }
            return replaced.withUnsafeBufferPointer { score(utf8: $0) }
        }
    }

    /// Scores text whose emoji have already been replaced.
    private func score(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Sentiment {
        let scan = scan(bytes)
        guard !scan.tokens.isEmpty else {
            return Sentiment(compound: 0, pos: 0, neu: 0, neg: 0)
        }

        var valences = valences(of: scan.tokens)
        reweightAroundBut(&valences, tokens: scan.tokens)
        return summary(of: valences, emphasis: punctuationEmphasis(scan))
    }
}
