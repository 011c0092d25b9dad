extension NameKey {
    /// Characters that separate a person from a company in a display name.
    private static let separatorScalars: Set<Unicode.Scalar> = [
        "(", ")", "[", "]", "|", ",", ";",
    ]

    /// Words and dashes that separate when written with a space on each side, compared
    /// case-insensitively: `Kim - Acme`, `Kim at Acme`, `Kim via Acme`.
    private static let separatorWords: [[Unicode.Scalar]] = [
        "-", "\u{2013}", "\u{2014}", "@", "at", "from", "via",
    ].map { Array($0.unicodeScalars) }

    /// The token lists a display name is searched in: the whole name, then, when it has
    /// separators, each piece between them; each normalised by ``tokens(_:)``, empty ones
    /// dropped.
    ///
    /// `Rita Gomez | Acme Widgets` gives `[rita gomez acme widgets]`, `[rita gomez]` and
    /// `[acme widgets]`.
    static func segments(_ displayName: String) -> [[String]] {
        let scalars = Array(displayName.unicodeScalars)
        var pieces: [ArraySlice<Unicode.Scalar>] = [scalars[...]]
        var start = 0
        var index = 0
        while index < scalars.count {
            if separatorScalars.contains(scalars[index]) {
                pieces.append(scalars[start..<index])
                index += 1
                start = index
            } else if let length = separatorWordLength(scalars, at: index) {
                pieces.append(scalars[start..<index])
                index += length
                start = index
            } else {
                index += 1
            }
        }
        if pieces.count > 1 { pieces.append(scalars[start...]) }

        return pieces.map { piece in
            var text = ""
            text.unicodeScalars.append(contentsOf: piece)
            return tokens(text)
        }.filter { !$0.isEmpty }
    }

    /// The length of a separator word with its leading space at `index` (the trailing space
    /// is left for the next piece), or nil when none starts there.
    private static func separatorWordLength(_ scalars: [Unicode.Scalar], at index: Int) -> Int? {
        guard scalars[index] == " " else { return nil }
        for word in separatorWords {
            let end = index + 1 + word.count
            guard end < scalars.count, scalars[end] == " " else { continue }
            if zip(scalars[(index + 1)..<end], word).allSatisfy({ asciiLowercase($0) == $1 }) {
                return 1 + word.count
            }
        }
        return nil
    }

    /// The scalar with an ASCII capital letter made small.
    private static func asciiLowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(scalar) ? Unicode.Scalar(UInt8(scalar.value) + 32) : scalar
    }
}
