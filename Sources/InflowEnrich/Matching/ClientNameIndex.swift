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
    /// The character counts of each entry, numbered as the entries are.
    private var signatures = NameSignatures()
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
                    let isWhole = length == segment.count
                    for index in compact[window] ?? [] {
                        let tokenCount = entries[index].tokenCount
                        if tokenCount == length || (isWhole && tokenCount > length) {
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
        for (tokenCount, byLength) in fuzzy {
            for window in windows(of: segments, tokenCount: tokenCount) {
                let probe = NameSignature(window)
                for index in candidates(byLength, windowLength: window.count)
                where signatures.bound(probe, against: index, floor: bestScore) >= bestScore {
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
        return (best, bestScore)
    }

    /// The distinct space-joined windows of `tokenCount` tokens over all segments; a segment
    /// shorter than that is one window.
    private func windows(of segments: [[String]], tokenCount: Int) -> [[UInt8]] {
        var seen: Set<[UInt8]> = []
        var windows: [[UInt8]] = []
        for segment in segments {
            let runs = segment.count >= tokenCount
                ? (0...(segment.count - tokenCount)).map { segment[$0..<($0 + tokenCount)] }
                : [segment[...]]
            for run in runs {
                let window = Array(run.joined(separator: " ").utf8)
                if seen.insert(window).inserted { windows.append(window) }
            }
        }
        return windows
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
        signatures.append(NameSignature(joined))
        compact[compactName, default: []].append(index)
        if tokens.count >= 2 {
            fuzzy[tokens.count, default: [:]][joined.count, default: []].append(index)
        }
    }
}

/// What bounds the Jaro–Winkler score of two name keys without computing it.
///
/// Paired characters are equal, so two keys have at most as many pairs as characters in
/// common; with no transpositions and the actual common prefix, that bounds the score. A first,
/// cheaper bound uses only which characters occur: each distinct character of one key missing
/// from the other leaves at least one byte unpaired.
struct NameSignature: Sendable {
    /// Lanes of the counts: a-z, 0-9, then one for the space.
    static let lanes = 37

    /// The key's length in bytes.
    let length: Int
    /// A bit for each lane that occurs in the key.
    let presence: UInt64
    /// The first four bytes, the first in the lowest byte, zero-padded.
    let head: UInt32
    /// How often each lane's character occurs, capped at 255.
    let counts: [UInt8]

    /// The signature of a key of `[0-9a-z ]` bytes.
    init(_ key: [UInt8]) {
        var counts = [UInt8](repeating: 0, count: Self.lanes)
        var presence: UInt64 = 0
        for byte in key {
            let lane = Self.lane(byte)
            counts[lane] = counts[lane] == .max ? .max : counts[lane] + 1
            presence |= 1 << UInt64(lane)
        }
        var head: UInt32 = 0
        for (position, byte) in key.prefix(4).enumerated() {
            head |= UInt32(byte) << UInt32(8 * position)
        }
        self.length = key.count
        self.presence = presence
        self.head = head
        self.counts = counts
    }

    /// The lane a key byte is counted in.
    private static func lane(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(byte - UInt8(ascii: "a"))
        case UInt8(ascii: "0")...UInt8(ascii: "9"): 26 + Int(byte - UInt8(ascii: "0"))
        default: 36
        }
    }
}

/// The signatures of many keys, stored column by column so a scan stays in cache.
struct NameSignatures: Sendable {
    private var lengths: [Int] = []
    private var presences: [UInt64] = []
    private var heads: [UInt32] = []
    private var counts: [UInt8] = []

    /// Adds a signature; signatures are numbered from 0.
    mutating func append(_ signature: NameSignature) {
        lengths.append(signature.length)
        presences.append(signature.presence)
        heads.append(signature.head)
        counts.append(contentsOf: signature.counts)
    }

    /// An upper bound of the Jaro–Winkler similarity of the key of `probe` and the key
    /// numbered `index`, or some value below `floor` when the bound is below it.
    func bound(_ probe: NameSignature, against index: Int, floor: Double) -> Double {
        let length = lengths[index]
        let pairable = min(
            probe.length - (probe.presence & ~presences[index]).nonzeroBitCount,
            length - (presences[index] & ~probe.presence).nonzeroBitCount)
        let prefix = min(
            (probe.head ^ heads[index]).trailingZeroBitCount / 8, probe.length, length)
        let quick = Self.score(pairs: pairable, probe.length, length, prefix: prefix)
        guard quick >= floor else { return quick }

        let shared = counts.withUnsafeBufferPointer { all in
            probe.counts.withUnsafeBufferPointer { mine in
                let theirs = UnsafeBufferPointer(rebasing: all[(index * NameSignature.lanes)...])
                var sum = 0
                for lane in 0..<NameSignature.lanes {
                    sum += Int(min(mine[lane], theirs[lane]))
                }
                return sum
            }
        }
        return Self.score(pairs: min(shared, pairable), probe.length, length, prefix: prefix)
    }

    /// The Jaro–Winkler score two keys would have with that many pairs and no transposition,
    /// plus a little for rounding.
    private static func score(pairs: Int, _ lengthA: Int, _ lengthB: Int, prefix: Int) -> Double {
        guard pairs > 0 else { return 0 }
        let m = Double(pairs)
        let jaro = (m / Double(lengthA) + m / Double(lengthB) + 1) / 3
        return jaro + Double(prefix) * 0.1 * (1 - jaro) + 1e-9
    }
}
