/// Unwraps `format=flowed` plain text (RFC 3676) back into its paragraphs.
///
/// A flowed line ends in a space: the sender's mail program wrapped a longer line there, and
/// the next line of the same quote depth continues it. Reading the text without unwrapping
/// leaves hard line breaks in the middle of sentences, which the reply splitter and sentiment
/// then see as separate lines.
enum FlowedText {
    /// `text` with flowed lines joined.
    ///
    /// Each line's quote depth is its count of leading `>`; one space after them (or at the
    /// start of an unquoted line) is space-stuffing and is removed. A line ending in a space,
    /// other than the signature separator `-- `, is joined with the next line when that has
    /// the same depth. Quoted lines are written back with their depth of `>` and one space.
    ///
    /// - Parameters:
    ///   - text: The decoded body, any line endings.
    ///   - deleteSpace: `DelSp=yes`: the space that marks a flowed line was added by the
    ///     wrapping and is removed when joining.
    /// - Complexity: O(n) in the length of the text.
    static func unwrap(_ text: String, deleteSpace: Bool) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var open: (depth: Int, content: [UInt8])?
        for line in ReplySplitter.normalisedLines(text) {
            let (depth, content) = parse(line)
            if let paragraph = open, paragraph.depth != depth {
                write(paragraph, to: &output)
                open = nil
            }
            if open == nil { open = (depth, []) }
            open!.content += content

            let isFlowed = content.last == ASCII.space && !content.elementsEqual("-- ".utf8)
            if isFlowed {
                if deleteSpace { open!.content.removeLast() }
            } else {
                write(open!, to: &output)
                open = nil
            }
        }
        if let paragraph = open { write(paragraph, to: &output) }
        if output.last == ASCII.lf { output.removeLast() }
        return String(decoding: output, as: UTF8.self)
    }

    /// The quote depth of a line and its content without quote marks and space-stuffing.
    private static func parse(_ line: ArraySlice<UInt8>) -> (depth: Int, content: ArraySlice<UInt8>) {
        let depth = line.prefix { $0 == ASCII.greater }.count
        var content = line.dropFirst(depth)
        if content.first == ASCII.space { content = content.dropFirst() }
        return (depth, content)
    }

    /// Writes one logical line with its quote marks and a line break.
    private static func write(_ line: (depth: Int, content: [UInt8]), to output: inout [UInt8]) {
        if line.depth > 0 {
            output += repeatElement(ASCII.greater, count: line.depth)
            output.append(ASCII.space)
        }
        output += line.content
        output.append(ASCII.lf)
    }
}
