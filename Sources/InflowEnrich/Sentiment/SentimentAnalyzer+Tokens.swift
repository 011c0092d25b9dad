/// One token of a text, reduced to what the rules read.
struct Token {
    /// The vocabulary id of the lowercased token, or -1 when the vocabulary lacks it.
    var word: Int32
    var info: WordInfo
    /// Python's `str.isupper()`: at least one cased letter and no lowercase or titlecase one.
    var isAllCaps: Bool
    /// In the negation list, or contains `n't` once lowercased.
    var isNegation: Bool
}

/// The tokens of a text and its `!` and `?` counts.
struct TextScan {
    var tokens: [Token] = []
    var exclamations = 0
    var questions = 0
}

extension SentimentAnalyzer {
    /// The text with every one-code-point emoji replaced by its description, or nil when it
    /// holds none.
    ///
    /// As in the reference, a space goes before a description unless the previous output
    /// character was a space, and none goes after it, so an emoji glued to a word stays glued.
    func replacingEmoji(in bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var output: [UInt8] = []
        var copiedUpTo = 0
        var previousWasSpace = true
        var index = 0
        while index < bytes.count {
            let (value, length) = UTF8Scan.scalar(in: bytes, at: index)
            guard value >= smallestEmoji, let description = emoji[value] else {
                previousWasSpace = value == 0x20
                index += length
                continue
            }

            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedUpTo..<index]))
            if !previousWasSpace { output.append(0x20) }
            output.append(contentsOf: description)
            previousWasSpace = false
            index += length
            copiedUpTo = index
        }

        guard copiedUpTo > 0 else { return nil }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedUpTo...]))
        return output
    }

    /// Splits on Python whitespace, classifies each token and counts `!` and `?`.
    func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> TextScan {
        var scan = TextScan()
        var lowered: [UInt8] = []
        var tokenStart: Int?
        var index = 0
        while index < bytes.count {
            let (value, length) = UTF8Scan.scalar(in: bytes, at: index)
            if value == 0x21 {
                scan.exclamations += 1
            } else if value == 0x3F {
                scan.questions += 1
            }

            if UTF8Scan.isWhitespace(value) {
                if let start = tokenStart {
                    scan.tokens.append(token(bytes, start..<index, scratch: &lowered))
                    tokenStart = nil
                }
            } else if tokenStart == nil {
                tokenStart = index
            }
            index += length
        }
        if let start = tokenStart {
            scan.tokens.append(token(bytes, start..<bytes.count, scratch: &lowered))
        }
        return scan
    }

    /// Strips ASCII punctuation from both ends unless that leaves two code points or fewer
    /// (which keeps emoticons such as `:)` and short words such as `ok,` whole).
    private func strippedRange(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
        -> Range<Int>
    {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end && UTF8Scan.isASCIIPunctuation(bytes[start]) {
            start += 1
        }
        while end > start && UTF8Scan.isASCIIPunctuation(bytes[end - 1]) {
            end -= 1
        }
        return UTF8Scan.scalarCount(in: bytes, start..<end) <= 2 ? range : start..<end
    }

    /// Lowercases a token into `scratch`, looks it up and notes its case.
    ///
    /// Only ASCII letters and U+212A KELVIN SIGN lowercase to ASCII; any other non-ASCII code
    /// point keeps the lowercased token out of the (ASCII-only reachable) vocabulary, so its
    /// exact lowercase form is never needed.
    private func token(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, scratch: inout [UInt8]
    ) -> Token {
        let range = strippedRange(bytes, range)
        scratch.removeAll(keepingCapacity: true)
        var casing = Casing()
        var canMatch = true
        var index = range.lowerBound
        while index < range.upperBound {
            let (value, length) = UTF8Scan.scalar(in: bytes, at: index)
            casing.add(value)
            if value < 0x80 {
                scratch.append(UTF8Scan.lowercasedASCII(UInt8(value)))
            } else if value == 0x212A {
                scratch.append(UInt8(ascii: "k"))
            } else {
                canMatch = false
                let codePoint = UnsafeBufferPointer(rebasing: bytes[index..<index + length])
                scratch.append(contentsOf: codePoint)
            }
            index += length
        }
        return token(lowered: scratch, canMatch: canMatch, isAllCaps: casing.isAllCaps)
    }

    private func token(lowered: [UInt8], canMatch: Bool, isAllCaps: Bool) -> Token {
        let word = canMatch ? lowered.withUnsafeBufferPointer { vocabulary.table.id(of: $0) } : nil
        let info = word.map { vocabulary.infos[Int($0)] } ?? WordInfo()
        return Token(
            word: word ?? -1, info: info, isAllCaps: isAllCaps,
            isNegation: info.isNegation || Self.containsNApostropheT(lowered))
    }

    /// Whether lowercased bytes contain `n't` with the ASCII apostrophe.
    private static func containsNApostropheT(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 3 else { return false }
        for index in 0...(bytes.count - 3)
        where bytes[index] == UInt8(ascii: "n") && bytes[index + 1] == UInt8(ascii: "'")
            && bytes[index + 2] == UInt8(ascii: "t")
        {
            return true
        }
        return false
    }
}

/// Tracks Python's `str.isupper()` over the code points of a token.
private struct Casing {
    private var hasUpper = false
    private var hasLowerOrTitle = false

    var isAllCaps: Bool {
        hasUpper && !hasLowerOrTitle
    }

    mutating func add(_ value: UInt32) {
        if value < 0x80 {
            hasUpper = hasUpper || (0x41...0x5A).contains(value)
            hasLowerOrTitle = hasLowerOrTitle || (0x61...0x7A).contains(value)
            return
        }
        guard let scalar = Unicode.Scalar(value) else { return }
        let properties = scalar.properties
        if properties.isLowercase || properties.generalCategory == .titlecaseLetter {
            hasLowerOrTitle = true
        } else if properties.isUppercase {
            hasUpper = true
        }
    }
}
