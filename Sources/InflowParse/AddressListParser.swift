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
                skipComment()
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

    /// Ends the mailbox being read: an angle address with the phrase as its name, or a bare
    /// address (the last word holding `@`, any other words becoming the name); words without
    /// any `@` are not an address and are dropped.
    private mutating func finishMailbox() {
        defer {
            phrase.removeAll()
            angle = nil
            spaceBefore = false
        }
        if let angle {
            let address = AddressListParser.withoutRoute(angle)
            if !address.isEmpty { raw.append((phrase, address)) }
            return
        }
        let words = phrase.split(separator: ASCII.space)
        guard let at = words.lastIndex(where: { $0.contains(ASCII.at) }) else { return }
        var name = words
        name.remove(at: at)
        raw.append((Array(name.joined(separator: [ASCII.space])), Array(words[at])))
    }

    private static func withoutRoute(_ address: [UInt8]) -> [UInt8] {
        guard let colon = address.lastIndex(of: ASCII.colon) else { return address }
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

    /// Skips a comment, nested comments and escapes included.
    private mutating func skipComment() {
        var depth = 0
        while index < bytes.count {
            switch bytes[index] {
            case ASCII.backslash: index += 1
            case ASCII.openParen: depth += 1
            case ASCII.closeParen: depth -= 1
            default: break
            }
            index += 1
            if depth == 0 { return }
        }
    }

    /// The address inside `<...>` without whitespace; the index moves past `>`.
    private mutating func angleAddress() -> [UInt8] {
        var out: [UInt8] = []
        index += 1
        while index < bytes.count, bytes[index] != ASCII.greater {
            if bytes[index] == ASCII.openParen {
                skipComment()
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
