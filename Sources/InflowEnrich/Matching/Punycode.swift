/// The RFC 3492 Punycode encoder, which turns a Unicode domain label into its ASCII form.
///
/// Only encoding is needed: every domain is compared in its ASCII (A-label) form, and a label
/// that already is one passes through untouched.
enum Punycode {
    private static let base: UInt32 = 36
    private static let tMin: UInt32 = 1
    private static let tMax: UInt32 = 26
    private static let skew: UInt32 = 38
    private static let damp: UInt32 = 700
    private static let initialBias: UInt32 = 72
    private static let initialN: UInt32 = 128

    /// Encodes the scalars of one label, without the `xn--` prefix.
    ///
    /// - Returns: The Punycode string, or nil when a delta overflows 32 bits (a label far longer
    ///   than any DNS label can be).
    static func encode(_ scalars: [Unicode.Scalar]) -> String? {
        let codePoints = scalars.map(\.value)
        var output: [UInt8] = codePoints.filter { $0 < 0x80 }.map { UInt8($0) }
        let basicCount = UInt32(output.count)
        if basicCount > 0 { output.append(UInt8(ascii: "-")) }

        var n = initialN
        var delta: UInt32 = 0
        var bias = initialBias
        var handled = basicCount
        while handled < codePoints.count {
            let next = codePoints.filter { $0 >= n }.min() ?? n
            guard let step = checked((next - n).multipliedReportingOverflow(by: handled + 1)),
                let advanced = checked(delta.addingReportingOverflow(step))
            else { return nil }
            delta = advanced
            n = next

            for codePoint in codePoints {
                if codePoint < n {
                    guard let incremented = checked(delta.addingReportingOverflow(1)) else {
                        return nil
                    }
                    delta = incremented
                }
                guard codePoint == n else { continue }
                appendVariableLengthInteger(delta, bias: bias, to: &output)
                bias = adapt(delta: delta, count: handled + 1, first: handled == basicCount)
                delta = 0
                handled += 1
            }
            guard let incremented = checked(delta.addingReportingOverflow(1)) else { return nil }
            delta = incremented
            n += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The result of an overflow-reporting operation, or nil when it overflowed.
    private static func checked(_ result: (partialValue: UInt32, overflow: Bool)) -> UInt32? {
        result.overflow ? nil : result.partialValue
    }

    /// Writes `value` as a generalized variable-length integer (RFC 3492 section 3.3).
    private static func appendVariableLengthInteger(
        _ value: UInt32, bias: UInt32, to output: inout [UInt8]
    ) {
        var q = value
        var k = base
        while true {
            let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
            if q < t { break }
            output.append(digit(t + (q - t) % (base - t)))
            q = (q - t) / (base - t)
            k += base
        }
        output.append(digit(q))
    }

    /// The bias adaptation function (RFC 3492 section 6.1).
    private static func adapt(delta: UInt32, count: UInt32, first: Bool) -> UInt32 {
        var delta = first ? delta / damp : delta / 2
        delta += delta / count
        var k: UInt32 = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    /// The lowercase ASCII digit for 0...35: `a`-`z`, then `0`-`9`.
    private static func digit(_ value: UInt32) -> UInt8 {
        value < 26 ? UInt8(ascii: "a") + UInt8(value) : UInt8(ascii: "0") + UInt8(value - 26)
    }
}

