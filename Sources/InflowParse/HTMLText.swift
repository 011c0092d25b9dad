/// Turns an HTML body into plain text for when a message has no text/plain body.
///
/// Block elements (`p`, `div`, `br`, `li`, `tr`, `h1`-`h6` and a few more) become line breaks,
/// `script`, `style` and `head` are dropped with their content, other tags are removed, runs of
/// whitespace collapse to one space, and character references are decoded.
struct HTMLText {
    private let html: [UInt8]
    private var index = 0
    private var out: [UInt8] = []
    private var pendingSpace = false

    private init(_ html: String) {
        self.html = Array(html.utf8)
        out.reserveCapacity(self.html.count / 2)
    }

    /// The text of `html`, lines trimmed of trailing spaces and at most one blank line in a row.
    ///
    /// - Complexity: O(n) over the UTF-8 bytes.
    static func text(_ html: String) -> String {
        var converter = HTMLText(html)
        converter.run()
        return converter.finished()
    }

    private mutating func run() {
        while index < html.count {
            let byte = html[index]
            if byte == ASCII.less, index + 1 < html.count, HTMLText.startsTag(html[index + 1]) {
                tag()
            } else if byte == ASCII.ampersand, let reference = HTMLEntities.reference(html, at: index) {
                emit(String(Character(reference.scalar)).utf8)
                index += reference.length
            } else if ASCII.isWhitespace(byte) {
                pendingSpace = true
                index += 1
            } else {
                emit(CollectionOfOne(byte))
                index += 1
            }
        }
    }

    private static func startsTag(_ byte: UInt8) -> Bool {
        ASCII.isLetter(byte) || byte == ASCII.slash || byte == 0x21
    }

    private mutating func emit<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        if pendingSpace, let last = out.last, last != ASCII.lf { out.append(ASCII.space) }
        pendingSpace = false
        out.append(contentsOf: bytes)
    }

    private mutating func lineBreak(always: Bool) {
        pendingSpace = false
        while out.last == ASCII.space { out.removeLast() }
        if always || (!out.isEmpty && out.last != ASCII.lf) { out.append(ASCII.lf) }
    }

    /// Handles one tag (or comment) starting at `<`.
    private mutating func tag() {
        if html[index...].starts(with: "<!--".utf8) {
            let end = HTMLText.find(Array("-->".utf8), in: html, from: index + 4)
            index = end.map { $0 + 3 } ?? html.count
            return
        }
        let nameStart = html[index + 1] == ASCII.slash ? index + 2 : index + 1
        var nameEnd = nameStart
        while nameEnd < html.count, ASCII.isLetter(html[nameEnd]) || ASCII.isDigit(html[nameEnd]) {
            nameEnd += 1
        }
        let name = ASCII.lowercasedString(html[nameStart..<nameEnd])
        let closing = nameStart == index + 2
        index = (html[nameEnd...].firstIndex(of: ASCII.greater) ?? html.count - 1) + 1

        if !closing, HTMLText.dropped.contains(name) {
            let end = HTMLText.find(Array("</\(name)".utf8), in: html, from: index, caseless: true)
            let closer = end.flatMap { html[$0...].firstIndex(of: ASCII.greater) }
            index = closer.map { $0 + 1 } ?? html.count
        } else if name == "br" {
            lineBreak(always: true)
        } else if HTMLText.blocks.contains(name) {
            lineBreak(always: false)
        } else if name == "td" || name == "th" {
            pendingSpace = true
        }
    }

    private static let dropped: Set<String> = ["script", "style", "head", "title"]
    private static let blocks: Set<String> = [
        "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table",
        "blockquote", "hr", "pre", "section", "article", "header", "footer",
    ]

    private static func find(
        _ needle: [UInt8], in haystack: [UInt8], from start: Int, caseless: Bool = false
    ) -> Int? {
        guard needle.count <= haystack.count, start <= haystack.count - needle.count else { return nil }
        for position in start...(haystack.count - needle.count) {
            let matches = needle.indices.allSatisfy { offset in
                let byte = haystack[position + offset]
                return (caseless ? ASCII.lowercased(byte) : byte) == needle[offset]
            }
            if matches { return position }
        }
        return nil
    }

    private func finished() -> String {
        var lines: [ArraySlice<UInt8>] = []
        var blank = 0
        for line in out.split(separator: ASCII.lf, omittingEmptySubsequences: false) {
            let trimmed = ASCII.trimmed(line)
            blank = trimmed.isEmpty ? blank + 1 : 0
            if blank <= 1 { lines.append(trimmed) }
        }
        let joined = Array(lines.joined(separator: [ASCII.lf]))
        return String(decoding: ASCII.trimmed(joined), as: UTF8.self)
    }
}
