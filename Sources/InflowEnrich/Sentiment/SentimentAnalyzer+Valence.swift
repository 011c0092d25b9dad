/// The per-token rules: lexicon value, `no`, ALL CAPS, boosters and dampeners, negation,
/// phrases and `least`, applied in the reference's order so that the doubles come out identical.
extension SentimentAnalyzer {
    /// One valence per token, in token order.
    func valences(of tokens: [Token]) -> [Double] {
        let capsDiffer = Self.capsDiffer(tokens)
        var valences: [Double] = []
        valences.reserveCapacity(tokens.count)
        for index in tokens.indices {
            valences.append(valence(at: index, of: tokens, capsDiffer: capsDiffer))
        }
        return valences
    }

    /// ALL CAPS counts as emphasis only when some tokens are all caps and some are not.
    private static func capsDiffer(_ tokens: [Token]) -> Bool {
        let allCaps = tokens.count { $0.isAllCaps }
        return allCaps > 0 && allCaps < tokens.count
    }

    private func valence(at index: Int, of tokens: [Token], capsDiffer: Bool) -> Double {
        let token = tokens[index]
        let named = vocabulary.named

        // Modifiers, `kind` in `kind of`, and unknown words carry no valence of their own.
        if token.info.increment != 0 { return 0 }
        if token.word == named.kind && index + 1 < tokens.count
            && tokens[index + 1].word == named.of
        {
            return 0
        }
        guard token.info.isInLexicon else { return 0 }

        var valence = valenceAfterNo(at: index, of: tokens)
        if token.isAllCaps && capsDiffer {
            valence = valence > 0 ? valence + VaderConstants.capsIncrement
                : valence - VaderConstants.capsIncrement
        }

        // A lexicon word at some distance blocks both the modifier and the negation from there.
        for distance in 1...3 {
            guard index >= distance, !tokens[index - distance].info.isInLexicon else { continue }
            let modifier = tokens[index - distance]
            valence = valence + modifierIncrement(
                modifier, distance: distance, valence: valence, capsDiffer: capsDiffer)
            valence = negationChecked(valence, at: index, distance: distance, of: tokens)
            if distance == 3 { valence = phraseChecked(valence, at: index, of: tokens) }
        }
        return leastChecked(valence, at: index, of: tokens)
    }

    /// The lexicon value, zeroed for `no` before a lexicon word and negated up to three tokens
    /// after a `no` (three only through `or` / `nor`).
    private func valenceAfterNo(at index: Int, of tokens: [Token]) -> Double {
        let named = vocabulary.named
        let lexiconValue = tokens[index].info.valence
        var valence = lexiconValue
        if tokens[index].word == named.no && index != tokens.count - 1
            && tokens[index + 1].info.isInLexicon
        {
            valence = 0
        }

        let oneBack = index > 0 && tokens[index - 1].word == named.no
        let twoBack = index > 1 && tokens[index - 2].word == named.no
        let threeBack = index > 2 && tokens[index - 3].word == named.no
            && (tokens[index - 1].word == named.or || tokens[index - 1].word == named.nor)
        if oneBack || twoBack || threeBack {
            valence = lexiconValue * VaderConstants.negationScalar
        }
        return valence
    }

    /// What a booster or dampener `distance` tokens back adds: its sign follows the word's,
    /// ALL CAPS pushes it away from zero, and distance damps it.
    private func modifierIncrement(
        _ modifier: Token, distance: Int, valence: Double, capsDiffer: Bool
    ) -> Double {
        var increment = modifier.info.increment
        guard increment != 0 else { return 0 }

        if valence < 0 { increment *= -1 }
        if modifier.isAllCaps && capsDiffer {
            increment = valence > 0 ? increment + VaderConstants.capsIncrement
                : increment - VaderConstants.capsIncrement
        }

        if distance == 2 { increment *= VaderConstants.distanceTwoDamping }
        if distance == 3 { increment *= VaderConstants.distanceThreeDamping }
        return increment
    }

    /// Applies the negation test for one distance, with the `never so`, `without doubt` and
    /// (quirk of the reference) "`so` / `this` right before" exceptions.
    private func negationChecked(
        _ valence: Double, at index: Int, distance: Int, of tokens: [Token]
    ) -> Double {
        let named = vocabulary.named
        let isSoOrThis = { (word: Int32) in word == named.so || word == named.this }
        switch distance {
        case 1:
            return tokens[index - 1].isNegation ? valence * VaderConstants.negationScalar : valence
        case 2:
            if tokens[index - 2].word == named.never && isSoOrThis(tokens[index - 1].word) {
                return valence * VaderConstants.neverSoScalar
            }
            if tokens[index - 2].word == named.without && tokens[index - 1].word == named.doubt {
                return valence
            }
            return tokens[index - 2].isNegation ? valence * VaderConstants.negationScalar : valence
        default:
            if (tokens[index - 3].word == named.never && isSoOrThis(tokens[index - 2].word))
                || isSoOrThis(tokens[index - 1].word)
            {
                return valence * VaderConstants.neverSoScalar
            }
            if tokens[index - 3].word == named.without
                && (tokens[index - 2].word == named.doubt || tokens[index - 1].word == named.doubt)
            {
                return valence
            }
            return tokens[index - 3].isNegation ? valence * VaderConstants.negationScalar : valence
        }
    }

    /// The phrase step: a special phrase around the word replaces its valence, a phrase
    /// starting at it replaces it again, and `kind of` / `sort of` / `just enough` before it
    /// add their (unsigned) dampening.
    private func phraseChecked(_ valence: Double, at index: Int, of tokens: [Token]) -> Double {
        let words = vocabulary
        let (w3, w2) = (tokens[index - 3].word, tokens[index - 2].word)
        let (w1, w0) = (tokens[index - 1].word, tokens[index].word)
        var valence = valence
        if let value = words.phraseValue(w1, w0) ?? words.phraseValue(w2, w1, w0)
            ?? words.phraseValue(w2, w1) ?? words.phraseValue(w3, w2, w1)
            ?? words.phraseValue(w3, w2)
        {
            valence = value
        }

        if index + 1 < tokens.count, let value = words.phraseValue(w0, tokens[index + 1].word) {
            valence = value
        }
        if index + 2 < tokens.count,
            let value = words.phraseValue(w0, tokens[index + 1].word, tokens[index + 2].word)
        {
            valence = value
        }

        for (first, second) in [(w3, w2), (w2, w1)] {
            let increment = words.pairIncrement(first, second)
            if increment != 0 { valence = valence + increment }
        }
        return valence
    }

    /// `least` right before a word negates it, except in `at least` and `very least`.
    private func leastChecked(_ valence: Double, at index: Int, of tokens: [Token]) -> Double {
        let named = vocabulary.named
        guard index > 0, tokens[index - 1].word == named.least,
            !tokens[index - 1].info.isInLexicon
        else { return valence }

        let twoBack = index > 1 ? tokens[index - 2].word : -1
        if twoBack == named.at || twoBack == named.very { return valence }
        return valence * VaderConstants.negationScalar
    }
}
