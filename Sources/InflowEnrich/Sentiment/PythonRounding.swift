/// Python's `round(x, places)`: the exact binary value of `x` rounded to `places` decimals,
/// ties to even, then converted back to the nearest double.
///
/// Multiplying by 10^places and calling `rounded()` is not enough: the product is itself rounded,
/// which can create a false tie (0.1235 is stored just below the midpoint) or hide a real one
/// (0.0625 must become 0.062). The fused multiply-add gives the product's exact error, which
/// settles every case near a midpoint.
enum PythonRounding {
    /// Rounds like Python's `round(x, places)` for `places` from 0 to 15.
    static func round(_ x: Double, places: Int) -> Double {
        guard x.isFinite, x != 0 else { return x }
        var scale = 1.0
        for _ in 0..<places {
            scale *= 10
        }

        let magnitude = x.magnitude
        let product = magnitude * scale
        guard product < 0x1p52 else { return x }

        // product + error == magnitude * scale exactly.
        let error = (-product).addingProduct(magnitude, scale)
        let whole = product.rounded(.down)
        let fraction = product - whole
        let isOdd = whole.truncatingRemainder(dividingBy: 2) == 1
        let roundsUp = fraction > 0.5 || (fraction == 0.5 && (error > 0 || (error == 0 && isOdd)))
        let rounded = (roundsUp ? whole + 1 : whole) / scale
        return x < 0 ? -rounded : rounded
    }
}
