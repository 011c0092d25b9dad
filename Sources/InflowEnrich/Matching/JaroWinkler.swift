/// Jaro–Winkler similarity of two ASCII strings, as the name step of client matching uses it.
///
/// The match window is `max(0, max(|a|, |b|) / 2 - 1)`; each byte of `a`, left to right, pairs
/// with the first unpaired equal byte of `b` inside the window; half the paired bytes that differ
/// when both sides are read in order are transpositions. The Winkler bonus, `prefix * 0.1 *
/// (1 - jaro)` with the common prefix capped at 4, is added only when jaro is at least 0.7.
enum JaroWinkler {
    /// The similarity of `a` and `b`, from 0 (nothing in common) to 1 (equal).
    static func similarity(_ a: [UInt8], _ b: [UInt8]) -> Double {
        let jaro = jaro(a, b)
        guard jaro >= 0.7 else { return jaro }
        let prefix = zip(a.prefix(4), b.prefix(4)).prefix { $0 == $1 }.count
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }

    /// The Jaro similarity of `a` and `b`.
    static func jaro(_ a: [UInt8], _ b: [UInt8]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        let window = max(0, max(a.count, b.count) / 2 - 1)
        var pairedInB = [Bool](repeating: false, count: b.count)
        var pairedFromA: [UInt8] = []
        pairedFromA.reserveCapacity(min(a.count, b.count))

        for (i, byte) in a.enumerated() {
            let low = max(0, i - window)
            let high = min(b.count - 1, i + window)
            guard low <= high else { continue }
            for j in low...high where !pairedInB[j] && b[j] == byte {
                pairedInB[j] = true
                pairedFromA.append(byte)
                break
            }
        }
        let m = Double(pairedFromA.count)
        guard m > 0 else { return 0 }

        let pairedFromB = zip(b, pairedInB).filter(\.1).map(\.0)
        let differing = zip(pairedFromA, pairedFromB).filter { $0 != $1 }.count
        let t = Double(differing) / 2
        return (m / Double(a.count) + m / Double(b.count) + (m - t) / m) / 3
    }
}
