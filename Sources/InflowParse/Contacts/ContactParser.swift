public import InflowCore
import InflowDigest

/// What one vCard file gave: a contact per readable card and a reject per unreadable one.
public struct ContactParseResult: Sendable, Equatable {
    /// One record per readable VCARD, in file order.
    public var contacts: [ContactRecord]
    /// One entry per VCARD that could not be read, or one for a file refused whole.
    public var rejects: [ComponentReject]

    /// Creates a result.
    public init(contacts: [ContactRecord], rejects: [ComponentReject]) {
        self.contacts = contacts
        self.rejects = rejects
    }
}

/// Reads vCard files (2.1, 3.0 RFC 2426 and 4.0 RFC 6350) into `ContactRecord`s, one per card.
///
/// The parser is pure: bytes in, records out. It reads what address books really write:
/// folded lines, vCard 2.1 quoted-printable values whose soft line breaks continue on
/// unindented lines, CHARSET parameters, bare 2.1 types (`TEL;CELL:`) and grouped labels
/// (`item1.X-ABLabel`). Photos and other binary values are skipped without being decoded.
public enum ContactParser {
    /// Parses every card of one vCard file.
    ///
    /// - Parameter item: The file's bytes with their origin.
    /// - Returns: The contacts in file order and a reject per card that could not be read (or
    ///   one for the whole file when it holds too many cards).
    public static func parse(_ item: RawItem) -> ContactParseResult {
        var scanner = CardScanner(bytes: item.bytes)
        var result = ContactParseResult(contacts: [], rejects: [])
        var decoder = CharsetDecoder()
        while let card = scanner.next() {
            guard result.contacts.count + result.rejects.count < ContactLimits.maxCardsPerFile else {
                let reason = "more than \(ContactLimits.maxCardsPerFile) cards in one file"
                let reject = ComponentReject(line: nil, reason: reason)
                return ContactParseResult(contacts: [], rejects: [reject])
            }
            if let error = card.error {
                result.rejects.append(ComponentReject(line: card.line, reason: error))
                continue
            }
            var reader = CardReader(card: card, item: item)
            result.contacts.append(reader.record(decoder: &decoder))
        }
        return result
    }
}

/// One BEGIN:VCARD ... END:VCARD block: its lines and where it lies in the file.
struct RawCard {
    var lines: [ContentLine] = []
    /// The line number of BEGIN:VCARD.
    var line: Int
    /// The byte range from BEGIN:VCARD to the end of END:VCARD.
    var start: Int
    var end: Int
    /// Why the card cannot be used, or nil.
    var error: String?
}

/// Cuts a vCard file into cards, joining quoted-printable soft line breaks and skipping binary
/// properties without copying them.
private struct CardScanner {
    private var reader: ContentLineReader
    private var pending: RawContentLine?

    init(bytes: [UInt8]) {
        reader = ContentLineReader(bytes)
    }

    /// The next card, or nil at the end of the file; lines outside cards are ignored.
    mutating func next() -> RawCard? {
        var card: RawCard?
        while let raw = pending ?? reader.next() {
            pending = nil
            let name = CardScanner.baseName(reader.name(raw))
            if name == "BEGIN" || name == "END", let line = try? parse(raw) {
                let isCard = line.rawText.uppercased() == "VCARD"
                if isCard, name == "END", var open = card {
                    open.end = raw.end
                    return open
                }
                if isCard, name == "BEGIN" {
                    if var open = card {
                        open.error = "VCARD at line \(open.line) is never closed by END:VCARD"
                        pending = raw
                        return open
                    }
                    card = RawCard(line: raw.number, start: raw.start, end: raw.end)
                }
                continue
            }
            if card != nil { take(raw, name: name, into: &card!) }
        }
        guard var open = card else { return nil }
        open.error = "VCARD at line \(open.line) is never closed by END:VCARD"
        return open
    }

    private mutating func take(_ raw: RawContentLine, name: String, into card: inout RawCard) {
        guard card.error == nil, !CardScanner.isBinary(name) else { return }
        guard card.lines.count < ContactLimits.maxPropertiesPerCard else {
            let limit = ContactLimits.maxPropertiesPerCard
            card.error = "VCARD at line \(card.line) has more than \(limit) properties"
            return
        }
        guard raw.end - raw.start <= ContactLimits.maxLineBytes,
            var line = try? parse(raw)
        else {
            if raw.end - raw.start > ContactLimits.maxLineBytes {
                let limit = ContactLimits.maxLineBytes
                let number = raw.number
                card.error = "VCARD at line \(card.line): line \(number) is longer than \(limit) bytes"
            }
            return
        }
        if line.isQuotedPrintable, raw.folded,
            let unfolded = try? ContentLine(parsing: reader.unfold(raw, softBreaks: true), number: raw.number)
        {
            line = unfolded
        }
        if line.isQuotedPrintable, let joined = joinSoftBreaks(line, raw) {
            line = joined
        }
        card.lines.append(line)
    }

    /// A quoted-printable value ending in `=` continues on the next physical line, indented or
    /// not; this joins such lines back into one value for the decoder.
    private mutating func joinSoftBreaks(_ line: ContentLine, _ raw: RawContentLine) -> ContentLine? {
        guard ASCII.trimmed(line.value).last == ASCII.equals else { return nil }
        var value = Array(line.value)
        var size = raw.end - raw.start
        while ASCII.trimmed(value).last == ASCII.equals, let next = reader.next() {
            let name = CardScanner.baseName(reader.name(next))
            guard name != "END", name != "BEGIN" else {
                pending = next
                break
            }
            size += next.end - next.start
            guard size <= ContactLimits.maxLineBytes else { break }
            value += [ASCII.cr, ASCII.lf] + reader.unfold(next, softBreaks: true)
        }
        var joined = line
        joined.value = value[...]
        return joined
    }

    private func parse(_ raw: RawContentLine) throws(ContentLineError) -> ContentLine {
        try ContentLine(parsing: reader.unfold(raw), number: raw.number)
    }

    /// The property name without its group.
    private static func baseName(_ name: [UInt8]) -> String {
        let base = name.lastIndex(of: ASCII.dot).map { name[($0 + 1)...] } ?? name[...]
        return String(decoding: ASCII.trimmed(base), as: UTF8.self)
    }

    private static func isBinary(_ name: String) -> Bool {
        name == "PHOTO" || name == "LOGO" || name == "SOUND" || name == "KEY"
    }
}

extension ContentLine {
    /// True when the value is quoted-printable (`ENCODING=QUOTED-PRINTABLE`, or the bare 2.1
    /// `QUOTED-PRINTABLE` parameter).
    var isQuotedPrintable: Bool {
        parameter("ENCODING")?.uppercased() == "QUOTED-PRINTABLE"
            || parameterValues("TYPE").contains { $0.uppercased() == "QUOTED-PRINTABLE" }
    }
}
