import InflowCore

/// Reads RFC 5322 address lists: display names (quoted, with escapes), comments, groups,
/// angle addresses and bare addresses.
///
/// The list is split into mailboxes on the raw bytes first and display names are decoded
/// afterwards, so an encoded comma inside a name never splits a mailbox.
struct AddressListParser {
    private let bytes: [UInt8]
    private var index = 0
    private var phrase: [UInt8] = []
    private var spaceBefore = false
    private var angle: [UInt8]?
    private var firstComment: [UInt8]?
    private var inGroup = false
    private var raw: [(name: [UInt8], address: [UInt8])] = []

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The mailboxes of an address header value, group members flattened, in order.
    static func parse(
        _ value: [UInt8], decoder: inout CharsetDecoder, notes: inout [String]
    ) -> [Address] {
        var parser = AddressListParser(value)
        parser.run()
        return parser.raw.map { mailbox in
            let name = EncodedWords.decode(mailbox.name, decoder: &decoder, notes: &notes)
            let address = String(decoding: mailbox.address, as: UTF8.self)
            return Address(name: name.isEmpty ? nil : name, address: address)
        }
    }

    private mutating func run() {
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case ASCII.space, ASCII.tab, ASCII.cr, ASCII.lf:
                spaceBefore = true
                index += 1
            case ASCII.openParen:
                let text = comment()
                if firstComment == nil, !text.isEmpty { firstComment = text }
            case ASCII.quote:
                addWord(quotedString())
            case ASCII.less:
                angle = angleAddress()
            case ASCII.comma:
                finishMailbox()
                index += 1
            case ASCII.semicolon:
                finishMailbox()
                inGroup = false
                index += 1
            case ASCII.colon where !inGroup && angle == nil:
                phrase.removeAll()
                inGroup = true
                index += 1
            default:
                addWord(atom())
            }
        }
        finishMailbox()
    }

    private mutating func addWord(_ word: [UInt8]) {
        if spaceBefore, !phrase.isEmpty { phrase.append(ASCII.space) }
        phrase += word
        spaceBefore = false
    }

    /// Ends the mailbox being read: an angle address with the phrase as its name, or bare
    /// addresses (words holding `@`; when there is one, the other words are its name). Without
    /// a phrase, the first comment is the name (`<a@x> (Ann)`). Words without any `@` and no
    /// angle address are not an address and are dropped.
    private mutating func finishMailbox() {
        defer {
            phrase.removeAll()
            angle = nil
            firstComment = nil
            spaceBefore = false
        }
        if let angle {
            let address = AddressListParser.withoutRoute(angle)
            if !address.isEmpty { raw.append((phrase.isEmpty ? firstComment ?? [] : phrase, address)) }
            return
        }
        let words = phrase.split(separator: ASCII.space)
        let addresses = words.filter { $0.contains(ASCII.at) }
        guard addresses.count == 1 else {
            raw += addresses.map { ([], Array($0)) }
            return
        }
        let name = Array(words.filter { !$0.contains(ASCII.at) }.joined(separator: [ASCII.space]))
        raw.append((name.isEmpty ? firstComment ?? [] : name, Array(addresses[0])))
    }

    /// The address without an obsolete source route (`@a.test,@b.test:user@c.test`).
    private static func withoutRoute(_ address: [UInt8]) -> [UInt8] {
        guard address.first == ASCII.at, let colon = address.lastIndex(of: ASCII.colon) else {
            return address
        }
        return Array(address[(colon + 1)...])
    }

    private mutating func atom() -> [UInt8] {
        let start = index
        while index < bytes.count, !AddressListParser.ends(atom: bytes[index], inGroup: inGroup) {
            index += 1
        }
        if index == start { index += 1 }
        return Array(bytes[start..<index])
    }

    private static func ends(atom byte: UInt8, inGroup: Bool) -> Bool {
        switch byte {
        case ASCII.space, ASCII.tab, ASCII.cr, ASCII.lf, ASCII.openParen, ASCII.quote, ASCII.less,
            ASCII.comma, ASCII.semicolon:
            true
        case ASCII.colon: !inGroup
        default: false
        }
    }

    /// The content of a quoted string; the index moves past it.
    private mutating func quotedString() -> [UInt8] {
        let quoted = ASCII.quotedString(bytes, from: index)
        index = quoted.end
        return quoted.content
    }

    /// Reads a comment, nested comments and escapes included, and returns its text without
    /// the outer parentheses; the index moves past it.
    private mutating func comment() -> [UInt8] {
        var depth = 0
        var text: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.backslash, index + 1 < bytes.count {
                index += 1
                text.append(bytes[index])
            } else if byte == ASCII.openParen {
                if depth > 0 { text.append(byte) }
                depth += 1
            } else if byte == ASCII.closeParen {
                depth -= 1
                if depth > 0 { text.append(byte) }
            } else {
                text.append(byte)
            }
            index += 1
            if depth == 0 { break }
        }
        return Array(ASCII.trimmed(text))
    }

    /// The address inside `<...>` without whitespace; the index moves past `>`.
    private mutating func angleAddress() -> [UInt8] {
        var out: [UInt8] = []
        index += 1
        while index < bytes.count, bytes[index] != ASCII.greater {
            if bytes[index] == ASCII.openParen {
                _ = comment()
                continue
            }
            if !ASCII.isWhitespace(bytes[index]) && bytes[index] != ASCII.quote {
                out.append(bytes[index])
            }
            index += 1
        }
        index += 1
        return out
    }
}
