/// Jaro–Winkler similarity of two ASCII strings, as the name step of client matching uses it.
///
/// The match window is `max(0, max(|a|, |b|) / 2 - 1)`; each byte of `a`, left to right, pairs
/// with the first unpaired equal byte of `b` inside the window; half the paired bytes that differ
/// when both sides are read in order are transpositions. The Winkler bonus, `prefix * 0.1 *
/// (1 - jaro)` with the common prefix capped at 4, is added only when jaro is at least 0.7.
enum JaroWinkler {
    /// The similarity of `a` and `b`, from 0 (nothing in common) to 1 (equal).
    ///
    /// - Complexity: O(|a| × window), with no heap allocation.
    static func similarity(_ a: [UInt8], _ b: [UInt8]) -> Double {
        let jaro = jaro(a, b)
        guard jaro >= 0.7 else { return jaro }
        return jaro + Double(commonPrefix(a, b)) * 0.1 * (1 - jaro)
    }

    /// The length of the common prefix of `a` and `b`, capped at 4.
    static func commonPrefix(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var length = 0
        while length < 4, length < a.count, length < b.count, a[length] == b[length] {
            length += 1
        }
        return length
    }

    /// The Jaro similarity of `a` and `b`.
    static func jaro(_ a: [UInt8], _ b: [UInt8]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: a.count + b.count) {
            flags in
            flags.initialize(repeating: false)
            let pairedInA = UnsafeMutableBufferPointer(rebasing: flags[..<a.count])
            let pairedInB = UnsafeMutableBufferPointer(rebasing: flags[a.count...])
            let m = pair(a, b, pairedInA, pairedInB)
            guard m > 0 else { return 0 }

            let t = Double(differingPairs(a, b, pairedInA, pairedInB)) / 2
            let matches = Double(m)
            return (matches / Double(a.count) + matches / Double(b.count) + (matches - t) / matches)
                / 3
        }
    }

    /// Pairs equal bytes within the match window, marking both sides; returns the pair count.
    private static func pair(
        _ a: [UInt8], _ b: [UInt8], _ pairedInA: UnsafeMutableBufferPointer<Bool>,
        _ pairedInB: UnsafeMutableBufferPointer<Bool>
    ) -> Int {
        let window = max(0, max(a.count, b.count) / 2 - 1)
        var count = 0
        for i in a.indices {
            let low = max(0, i - window)
            let high = min(b.count - 1, i + window)
            guard low <= high else { continue }
            for j in low...high where !pairedInB[j] && b[j] == a[i] {
                pairedInA[i] = true
                pairedInB[j] = true
                count += 1
                break
            }
        }
        return count
    }

    /// How many paired bytes differ when the pairs of both sides are read in order.
    private static func differingPairs(
        _ a: [UInt8], _ b: [UInt8], _ pairedInA: UnsafeMutableBufferPointer<Bool>,
        _ pairedInB: UnsafeMutableBufferPointer<Bool>
    ) -> Int {
        var differing = 0
        var j = 0
        for i in a.indices where pairedInA[i] {
            while !pairedInB[j] { j += 1 }
            if a[i] != b[j] { differing += 1 }
            j += 1
        }
        return differing
    }
}
