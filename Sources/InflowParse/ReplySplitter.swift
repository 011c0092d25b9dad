/// Separates what the sender wrote from the quoted history and the signature of a text body.
enum ReplySplitter {
    /// A text body in three pieces, each with trailing whitespace trimmed.
    struct Parts: Equatable {
        /// What the sender wrote.
        var text: String
        /// The trailing quoted history, or nil.
        var quoted: String?
        /// The signature, or nil.
        var signature: String?
    }

    /// Splits `body` (any line endings).
    ///
    /// The quoted history is the trailing block of `>` lines (blank lines between them allowed)
    /// together with the attribution line before it (`On ..., Ann <a@x> wrote:`, or its German,
    /// French or Spanish form, possibly wrapped onto two lines), or everything from Outlook's
    /// `-----Original Message-----` line, whichever starts first. The signature runs from a
    /// `-- ` or `--` line up to the quoted history.
    ///
    /// - Complexity: O(n) over the UTF-8 bytes.
    static func split(_ body: String) -> Parts {
        let lines = normalisedLines(body)
        let quoteStart = min(
            outlookStart(lines) ?? lines.count, trailingQuoteStart(lines) ?? lines.count)
        let signatureLine = lines[..<quoteStart].firstIndex { line in
            line.elementsEqual("-- ".utf8) || line.elementsEqual("--".utf8)
        }
        let textEnd = signatureLine ?? quoteStart
        return Parts(
            text: joined(lines[..<textEnd]) ?? "",
            quoted: joined(lines[quoteStart...]),
            signature: signatureLine.flatMap { joined(lines[($0 + 1)..<quoteStart]) })
    }

    /// The lines of `body`, split on CRLF, LF or a lone CR.
    static func normalisedLines(_ body: String) -> [ArraySlice<UInt8>] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(body.utf8.count)
        var previousCR = false
        for byte in body.utf8 {
            if byte == ASCII.lf, previousCR {
                previousCR = false
                continue
            }
            previousCR = byte == ASCII.cr
            bytes.append(previousCR ? ASCII.lf : byte)
        }
        return bytes.split(separator: ASCII.lf, omittingEmptySubsequences: false)
    }

    private static func outlookStart(_ lines: [ArraySlice<UInt8>]) -> Int? {
        lines.firstIndex { line in
            guard ASCII.trimmed(line).first == ASCII.minus else { return false }
            let text = ASCII.lowercasedString(line)
            return text.hasPrefix("-----") && text.contains("original message")
        }
    }

    /// The first line of the trailing quoted block, moved up over its attribution line.
    private static func trailingQuoteStart(_ lines: [ArraySlice<UInt8>]) -> Int? {
        var first: Int?
        var index = lines.count
        while index > 0 {
            let line = ASCII.trimmed(lines[index - 1])
            if line.first == ASCII.greater {
                first = index - 1
            } else if !line.isEmpty {
                break
            }
            index -= 1
        }
        guard let first else { return nil }
        return attributionStart(lines, before: first) ?? first
    }

    private static func attributionStart(_ lines: [ArraySlice<UInt8>], before quote: Int) -> Int? {
        var index = quote - 1
        while index >= 0, ASCII.trimmed(lines[index]).isEmpty { index -= 1 }
        guard index >= 0 else { return nil }
        let line = ASCII.lowercasedString(lines[index])
        guard line.hasSuffix(":"),
            line.hasPrefix("on ") || attributionVerbs.contains(where: line.contains)
        else { return nil }
        let previous = index > 0 ? ASCII.lowercasedString(lines[index - 1]) : ""
        let wrapped = attributionOpenings.contains(where: previous.hasPrefix)
        if !attributionOpenings.contains(where: line.hasPrefix), wrapped { return index - 1 }
        return index
    }

    /// How an attribution line starts in English, German, French and Spanish: `On <date>,`,
    /// `Am <date> schrieb`, `Le <date>, ... a écrit :`, `El <date>, ... escribió:`; a line
    /// ending in the verb is joined with the line before when that one starts like this.
    private static let attributionOpenings = ["on ", "am ", "le ", "el "]

    /// The verb that marks an attribution line, in the same languages; a line that starts
    /// with `On ` is taken without one.
    private static let attributionVerbs = ["wrote", "schrieb", "a écrit", "escribió"]

    /// Lines joined with LF, trailing whitespace trimmed; nil when nothing is left.
    private static func joined(_ lines: ArraySlice<ArraySlice<UInt8>>) -> String? {
        var bytes = Array(lines.joined(separator: [ASCII.lf]))
        while let last = bytes.last, ASCII.isWhitespace(last) { bytes.removeLast() }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
