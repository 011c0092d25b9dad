/// What the rules need to know about one lowercased word.
struct WordInfo: Sendable {
    /// The lexicon valence; meaningful only when `isInLexicon`.
    var valence = 0.0
    var isInLexicon = false
    /// The booster (+0.293) or dampener (-0.293) increment, 0 for other words.
    var increment = 0.0
    /// Whether the word is in the negation list.
    var isNegation = false
}

/// Every word the rules look at, each with a dense id, plus the ids of the words some rules
/// name (`no`, `but`, `least`, …) and the phrases as id sequences.
///
/// Built once per analyzer from the lexicon so that scoring compares small integers instead of
/// strings.
struct Vocabulary: Sendable {
    private(set) var table: WordTable
    private(set) var infos: [WordInfo]
    /// The ids of the words that individual rules compare tokens with.
    let named: NamedWords
    /// Two-token phrases as (first id, second id, value).
    private(set) var phrasePairs: [(Int32, Int32, Double)] = []
    /// Three-token phrases as (first id, second id, third id, value).
    private(set) var phraseTriples: [(Int32, Int32, Int32, Double)] = []
    /// Two-token dampeners such as `kind of`, as (first id, second id, increment).
    private(set) var dampenerPairs: [(Int32, Int32, Double)] = []

    /// Builds the vocabulary from the lexicon's words and the fixed VADER word lists.
    init(lexicon: SentimentLexicon) {
        var table = lexicon.words
        var infos = lexicon.valences.map { WordInfo(valence: $0, isInLexicon: true) }
        func add(_ word: String) -> Int32 {
            let id = table.insert(word)
            if Int(id) == infos.count { infos.append(WordInfo()) }
            return id
        }

        for word in VaderConstants.boosters {
            infos[Int(add(word))].increment = VaderConstants.boosterIncrement
        }
        for word in VaderConstants.dampeners {
            infos[Int(add(word))].increment = VaderConstants.dampenerIncrement
        }
        for word in VaderConstants.negations {
            infos[Int(add(word))].isNegation = true
        }
        named = NamedWords(add)

        for (first, second, value) in VaderConstants.phrasePairs {
            phrasePairs.append((add(first), add(second), value))
        }
        for (first, second, third, value) in VaderConstants.phraseTriples {
            phraseTriples.append((add(first), add(second), add(third), value))
        }
        for (first, second) in VaderConstants.dampenerPairs {
            dampenerPairs.append((add(first), add(second), VaderConstants.dampenerIncrement))
        }
        self.table = table
        self.infos = infos
    }

    /// The value of the phrase `first second`, if it is one.
    func phraseValue(_ first: Int32, _ second: Int32) -> Double? {
        phrasePairs.first { $0.0 == first && $0.1 == second }?.2
    }

    /// The value of the phrase `first second third`, if it is one.
    func phraseValue(_ first: Int32, _ second: Int32, _ third: Int32) -> Double? {
        phraseTriples.first { $0.0 == first && $0.1 == second && $0.2 == third }?.3
    }

    /// The increment of the two-token dampener `first second`, or 0.
    func pairIncrement(_ first: Int32, _ second: Int32) -> Double {
        dampenerPairs.first { $0.0 == first && $0.1 == second }?.2 ?? 0
    }
}

/// The ids of the words that individual rules name.
struct NamedWords: Sendable {
    let no, or, nor, but, least, at, very, never, so, this, without, doubt, kind, of: Int32

    init(_ id: (String) -> Int32) {
        no = id("no")
        or = id("or")
        nor = id("nor")
        but = id("but")
        least = id("least")
        at = id("at")
        very = id("very")
        never = id("never")
        so = id("so")
        this = id("this")
        without = id("without")
        doubt = id("doubt")
        kind = id("kind")
        of = id("of")
    }
}
