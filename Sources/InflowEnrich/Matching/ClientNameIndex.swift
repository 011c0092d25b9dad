/// Client names and aliases prepared for the display-name step of matching.
///
/// A name of n tokens is compared with every run of n consecutive tokens of a display-name
/// segment (or the whole segment when it is shorter). A window scores 1.0 when it equals the
/// name once spaces are removed (`Adatum` = `A. Datum`); otherwise, for names of two tokens or
/// more only, the Jaro–Winkler similarity of the space-joined strings. Single-token names must
/// match exactly, or `Fabrikant` would match `Fabrikam`.
struct ClientNameIndex: Sendable {
    /// The lowest score that counts as a name match.
    static let threshold = 0.94

    /// The outcome of searching one display name.
    enum Outcome: Equatable {
        /// One client scored best, at or above the threshold.
        case match(client: Int, score: Double)
        /// Several clients tied for the best score at or above the threshold.
        case ambiguous
        /// No client reached the threshold.
        case none
    }

    /// One client name or alias.
    private struct Entry: Sendable {
        var client: Int
        var tokenCount: Int
        var joined: [UInt8]
    }

    private var entries: [Entry] = []
    /// Entry indexes by the name with spaces removed, for exact matches.
    private var compact: [String: [Int]] = [:]
    /// Entries of two tokens or more by token count, then by joined length, for fuzzy matches.
    private var fuzzy: [Int: [Int: [Int]]] = [:]

    /// Indexes the names of clients, each given as its name and aliases.
    init(names: [[String]]) {
        for (client, clientNames) in names.enumerated() {
            for name in clientNames {
                add(tokens: NameKey.tokens(name), client: client)
            }
        }
    }

    /// Finds the client a display name names.
    func search(_ displayName: String) -> Outcome {
        guard !entries.isEmpty, !displayName.contains("@") else { return .none }
        let segments = NameKey.segments(displayName)

        var best = exactClients(segments)
        var bestScore = 1.0
        if best.isEmpty {
            (best, bestScore) = fuzzyClients(segments)
        }
        guard let client = best.first else { return .none }
        return best.count == 1 ? .match(client: client, score: bestScore) : .ambiguous
    }

    /// The clients with a window equal to one of their names.
    private func exactClients(_ segments: [[String]]) -> Set<Int> {
        var clients: Set<Int> = []
        for segment in segments {
            for length in 1...segment.count {
                for start in 0...(segment.count - length) {
                    let window = segment[start..<(start + length)].joined()
                    for index in compact[window] ?? [] {
                        let tokenCount = entries[index].tokenCount
                        if tokenCount == length || (length == segment.count && tokenCount > length) {
                            clients.insert(entries[index].client)
                        }
                    }
                }
            }
        }
        return clients
    }

    /// The clients with the best Jaro–Winkler score at or above the threshold, and that score.
    private func fuzzyClients(_ segments: [[String]]) -> (Set<Int>, Double) {
        var best: Set<Int> = []
        var bestScore = Self.threshold
        for segment in segments {
            for (tokenCount, byLength) in fuzzy {
                for window in windows(of: segment, tokenCount: tokenCount) {
                    for index in candidates(byLength, windowLength: window.count) {
                        let score = JaroWinkler.similarity(window, entries[index].joined)
                        if score > bestScore {
                            best = [entries[index].client]
                            bestScore = score
                        } else if score == bestScore {
                            best.insert(entries[index].client)
                        }
                    }
                }
            }
        }
        return (best, bestScore)
    }

    /// The space-joined windows of `tokenCount` tokens, or the whole segment when shorter.
    private func windows(of segment: [String], tokenCount: Int) -> [[UInt8]] {
        guard segment.count >= tokenCount else { return [Array(segment.joined(separator: " ").utf8)] }
        return (0...(segment.count - tokenCount)).map { start in
            Array(segment[start..<(start + tokenCount)].joined(separator: " ").utf8)
        }
    }

    /// The entries whose length allows a score at the threshold against a window.
    ///
    /// Jaro–Winkler is at most `0.6 * jaro + 0.4`, so the threshold needs jaro ≥ 0.9, and jaro
    /// is at most `(2 + shorter / longer) / 3`: the lengths must be within a ratio of 0.7.
    private func candidates(_ byLength: [Int: [Int]], windowLength: Int) -> [Int] {
        let low = (windowLength * 7 + 9) / 10
        let high = windowLength * 10 / 7
        guard low <= high else { return [] }
        return (low...high).flatMap { byLength[$0] ?? [] }
    }

    /// Adds one normalised name unless it is too short to say anything.
    private mutating func add(tokens: [String], client: Int) {
        let compactName = tokens.joined()
        guard compactName.utf8.count >= 3 else { return }
        let index = entries.count
        let joined = Array(tokens.joined(separator: " ").utf8)
        entries.append(Entry(client: client, tokenCount: tokens.count, joined: joined))
        compact[compactName, default: []].append(index)
        if tokens.count >= 2 {
            fuzzy[tokens.count, default: [:]][joined.count, default: []].append(index)
        }
    }
}
