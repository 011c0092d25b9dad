/// Company and display names reduced to comparable tokens.
///
/// Display names and client names or aliases go through the same steps: lowercase,
/// transliterate the letters that do not decompose (`ß→ss`, `ø→o`, ...), compatibility
/// decomposition with combining marks dropped (`é→e`), `&` read as `and`, apostrophes, dots
/// and slashes deleted (`A/S`, `K.K.`), any other character outside `[0-9a-z]` a space. A
/// leading `the` and trailing legal forms (`ltd`, `gmbh`, ...) are dropped, so `The Acme
/// Widgets Co. Ltd` and `acme widgets` compare equal.
public enum NameKey {
    /// Letters that have no decomposition but a conventional ASCII spelling.
    private static let transliterations: [Unicode.Scalar: String] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
        "ı": "i",
    ]

    /// Trailing tokens that name a company's legal form rather than the company.
    private static let legalForms: Set<String> = [
        "ltd", "limited", "inc", "incorporated", "llc", "llp", "lp", "plc", "corp",
        "corporation", "co", "company", "gmbh", "ag", "kg", "sa", "sas", "sarl", "srl", "spa",
        "bv", "nv", "oy", "ab", "as", "asa", "aps", "pty", "pte", "kk", "sl", "sro", "sp", "zoo",
    ]

    /// The normalised tokens of a name.
    ///
    /// - Returns: The tokens, such as `["acme", "widgets"]` for `The Acme Widgets Ltd`; empty
    ///   when nothing is left.
    public static func tokens(_ name: some StringProtocol) -> [String] {
        var tokens = asciiKey(name).split(separator: " ").map(String.init)
        if tokens.first == "the" { tokens.removeFirst() }
        while tokens.count > 1, let last = tokens.last, legalForms.contains(last) {
            tokens.removeLast()
        }
        return tokens
    }

    /// The name mapped onto lowercase ASCII letters, digits and spaces.
    private static func asciiKey(_ name: some StringProtocol) -> String {
        var folded = ""
        for scalar in name.lowercased().unicodeScalars {
            if let replacement = transliterations[scalar] ?? CompatibilityFolding.fold(scalar) {
                folded += replacement
            } else {
                folded.unicodeScalars.append(scalar)
            }
        }

        var key: [UInt8] = []
        for scalar in UnicodeNormalization.nfd(folded)
        where scalar.properties.canonicalCombiningClass == .notReordered {
            appendKeyBytes(of: scalar, to: &key)
        }
        return String(decoding: key, as: UTF8.self)
    }

    /// Appends what one decomposed, mark-free scalar contributes to the key.
    private static func appendKeyBytes(of scalar: Unicode.Scalar, to key: inout [UInt8]) {
        switch scalar {
        case "0"..."9", "a"..."z": key.append(UInt8(scalar.value))
        case "&": key.append(contentsOf: " and ".utf8)
        case "'", "\u{2019}", ".", "/": break
        default: key.append(UInt8(ascii: " "))
        }
    }
}
