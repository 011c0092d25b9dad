import InflowCore
import InflowDigest

/// Turns one card's lines into a contact record.
struct CardReader {
    let card: RawCard
    let item: RawItem
    private var notes: [String] = []

    init(card: RawCard, item: RawItem) {
        self.card = card
        self.item = item
    }

    /// The contact; every card can be read, since every field may be missing.
    mutating func record(decoder: inout CharsetDecoder) -> ContactRecord {
        let values = card.lines.map { value($0, decoder: &decoder) }
        let labels = CardReader.labels(card.lines, values)
        var record = ContactRecord(
            id: "", source: item.source, origin: item.origin(start: card.start, end: card.end))
        for (line, value) in zip(card.lines, values) {
            read(line, value, labels: labels, into: &record)
        }

        record.id = key(record)
        record.parseNotes = notes
        return record
    }

    /// Fills the field one property feeds.
    private func read(
        _ line: ContentLine, _ value: [UInt8], labels: [String: String],
        into record: inout ContactRecord
    ) {
        let label = line.group.flatMap { labels[$0] }
        switch line.name {
        case "FN": record.name.full = record.name.full ?? TextValue.nonEmpty(value)
        case "N": readName(value, into: &record)
        case "EMAIL":
            guard let address = TextValue.nonEmpty(value) else { return }
            record.emails.append(ContactEmail(address: address, type: CardReader.type(line, label)))
        case "TEL":
            guard var number = TextValue.nonEmpty(value) else { return }
            if number.lowercased().hasPrefix("tel:") { number = String(number.dropFirst(4)) }
            record.phones.append(ContactPhone(number: number, type: CardReader.type(line, label)))
        case "ORG":
            let first = TextValue.split(value[...], on: ASCII.semicolon).first
            record.organization = record.organization ?? first.flatMap(TextValue.nonEmpty)
        case "TITLE": record.title = record.title ?? TextValue.nonEmpty(value)
        case "NOTE": record.note = record.note ?? TextValue.nonEmpty(value)
        case "CATEGORIES":
            let parts = TextValue.split(value[...], on: ASCII.comma).compactMap {
                TextValue.nonEmpty($0)
            }
            record.categories += parts.filter { !record.categories.contains($0) }
        case "UID": record.id = TextValue.nonEmpty(value) ?? ""
        default: break
        }
    }

    /// N is `family;given;additional;prefixes;suffixes`.
    private func readName(_ value: [UInt8], into record: inout ContactRecord) {
        guard record.name.family == nil, record.name.given == nil else { return }
        let parts = TextValue.split(value[...], on: ASCII.semicolon)
        record.name.family = parts.first.flatMap { TextValue.nonEmpty($0) }
        record.name.given = parts.dropFirst().first.flatMap { TextValue.nonEmpty($0) }
    }

    /// The value as UTF-8, still TEXT-escaped: quoted-printable undone and the CHARSET (or a
    /// guess, noted) applied.
    private mutating func value(_ line: ContentLine, decoder: inout CharsetDecoder) -> [UInt8] {
        let bytes = line.isQuotedPrintable
            ? TransferDecoding.quotedPrintable(line.value)[...] : line.value
        let charset = line.parameter("CHARSET")
        if charset == nil, let text = String(validating: bytes, as: UTF8.self) {
            return Array(text.utf8)
        }
        var lineNotes: [String] = []
        let text = decoder.decode(bytes, charset: charset, notes: &lineNotes)
        for note in lineNotes where !notes.contains(note) {
            notes.append(note)
        }
        return Array(text.utf8)
    }

    /// The custom labels of grouped properties: `item1.X-ABLabel:Old` labels `item1.EMAIL`.
    private static func labels(_ lines: [ContentLine], _ values: [[UInt8]]) -> [String: String] {
        var labels: [String: String] = [:]
        for (line, value) in zip(lines, values) where line.name == "X-ABLABEL" {
            if let group = line.group, let label = TextValue.nonEmpty(value) {
                labels[group] = label
            }
        }
        return labels
    }

    /// The TYPE values that say what kind of address or number this is, lowercased and joined
    /// with commas (`home`, `work,fax`); `internet`, `pref` and encodings are left out, and
    /// `voice` too when a more telling type is there. A group label is used when no type is.
    private static func type(_ line: ContentLine, _ label: String?) -> String? {
        let noise: Set = ["internet", "pref", "x400", "quoted-printable", "base64", "8bit"]
        var types: [String] = []
        for value in line.parameterValues("TYPE") {
            for part in value.split(separator: ",") {
                let type = part.lowercased()
                if !type.isEmpty, !noise.contains(type), !types.contains(type) { types.append(type) }
            }
        }
        if types.count > 1 { types.removeAll { $0 == "voice" } }
        return types.isEmpty ? label : types.joined(separator: ",")
    }

    /// The UID, else `vcard:` and the SHA-256 of the full name and the first email; a card
    /// with neither is keyed by the SHA-256 of its bytes so that it stays distinct.
    private func key(_ record: ContactRecord) -> String {
        if !record.id.isEmpty { return record.id }
        let name = record.name.full
            ?? [record.name.given, record.name.family].compactMap { $0 }.joined(separator: " ")
        let email = record.emails.first?.address ?? ""
        guard !name.isEmpty || !email.isEmpty else { return "vcard:" + record.origin.sha256 }
        return "vcard:" + SHA256.hex(name + "\n" + email)
    }
}
