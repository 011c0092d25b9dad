import InflowCore

/// A structured MIME header value such as `Content-Type` or `Content-Disposition`: a leading
/// token and `; name=value` parameters.
struct HeaderParameters {
    /// The leading token lowercased (`text/plain`, `attachment`), empty when absent.
    var value: String
    /// Parameters by lowercased name, with RFC 2231 continuations joined and decoded.
    var parameters: [String: String]

    /// A parameter's value by lowercased name.
    subscript(name: String) -> String? {
        parameters[name]
    }

    /// Parses a header value; unquoted values run to the next `;` and an unterminated quoted
    /// value to the end, and a missing `;` between the token and the first parameter is
    /// tolerated, as real mail needs.
    init(_ bytes: [UInt8], decoder: inout CharsetDecoder, notes: inout [String]) {
        let tokenStart = bytes.firstIndex { !ASCII.isWhitespace($0) } ?? bytes.endIndex
        let tokenEnd = bytes[tokenStart...].firstIndex {
            $0 == ASCII.semicolon || ASCII.isWhitespace($0)
        } ?? bytes.endIndex
        value = HeaderParameters.token(bytes[tokenStart..<tokenEnd])
        var sections = RFC2231Sections()
        var index = tokenEnd
        while index < bytes.endIndex {
            guard let parameter = HeaderParameters.parameter(bytes, from: index) else { break }
            sections.add(name: parameter.name, value: parameter.value)
            index = parameter.end + 1
        }
        parameters = sections.joined(decoder: &decoder, notes: &notes)
    }

    /// The leading token without a trailing comment, lowercased.
    private static func token(_ bytes: ArraySlice<UInt8>) -> String {
        ASCII.lowercasedString(bytes.prefix { $0 != ASCII.openParen })
    }

    /// One `name=value` from `start`: the lowercased name, the raw value, and the index of the
    /// `;` (or end) that follows it; nil when no `=` is left.
    private static func parameter(
        _ bytes: [UInt8], from start: Int
    ) -> (name: String, value: [UInt8], end: Int)? {
        guard let equals = bytes[start...].firstIndex(of: ASCII.equals) else { return nil }
        if let semicolon = bytes[start..<equals].lastIndex(of: ASCII.semicolon) {
            return parameter(bytes, from: semicolon + 1)
        }
        let name = ASCII.lowercasedString(bytes[start..<equals])
        var index = equals + 1
        while index < bytes.endIndex, ASCII.isWhitespace(bytes[index]) { index += 1 }
        guard index < bytes.endIndex, bytes[index] == ASCII.quote else {
            let end = bytes[index...].firstIndex(of: ASCII.semicolon) ?? bytes.endIndex
            return (name, Array(ASCII.trimmed(bytes[index..<end])), end)
        }
        let quoted = ASCII.quotedString(bytes, from: index)
        let end = bytes[quoted.end...].firstIndex(of: ASCII.semicolon) ?? bytes.endIndex
        return (name, quoted.content, end)
    }
}

/// Collects parameters, joining RFC 2231 continuations (`name*0*=`, `name*1=`) and decoding
/// extended values (`name*=charset'lang'%XX`).
private struct RFC2231Sections {
    private var plain: [String: [UInt8]] = [:]
    private var order: [String] = []
    private var sections: [String: [(index: Int, extended: Bool, value: [UInt8])]] = [:]

    mutating func add(name: String, value: [UInt8]) {
        guard !name.isEmpty else { return }
        guard let star = name.firstIndex(of: "*") else {
            if plain[name] == nil { order.append(name) }
            plain[name] = plain[name] ?? value
            return
        }
        let base = String(name[..<star])
        let rest = name[name.index(after: star)...]
        let extended = rest.hasSuffix("*") || rest.isEmpty
        let number = Int(rest.filter { $0 != "*" }) ?? 0
        if sections[base] == nil { order.append(base) }
        sections[base, default: []].append((number, extended, value))
    }

    /// Every parameter once; an RFC 2231 form wins over a plain one of the same name, and
    /// encoded words in plain values are decoded (common, though not standard).
    func joined(decoder: inout CharsetDecoder, notes: inout [String]) -> [String: String] {
        var result: [String: String] = [:]
        for name in order {
            if let parts = sections[name] {
                result[name] = RFC2231Sections.join(parts, decoder: &decoder, notes: &notes)
            } else if let value = plain[name] {
                result[name] = EncodedWords.decode(value, decoder: &decoder, notes: &notes)
            }
        }
        return result
    }

    private static func join(
        _ parts: [(index: Int, extended: Bool, value: [UInt8])], decoder: inout CharsetDecoder,
        notes: inout [String]
    ) -> String {
        let sorted = parts.sorted { $0.index < $1.index }
        var charset: String?
        var bytes: [UInt8] = []
        for (position, part) in sorted.enumerated() {
            var value = part.value[...]
            if position == 0, part.extended {
                let quotes = value.indices.filter { value[$0] == ASCII.apostrophe }
                if quotes.count >= 2 {
                    charset = String(decoding: value[..<quotes[0]], as: UTF8.self)
                    value = value[(quotes[1] + 1)...]
                }
            }
            bytes += part.extended ? percentDecoded(value) : Array(value)
        }
        return decoder.decode(bytes[...], charset: charset, notes: &notes)
    }

    private static func percentDecoded(_ value: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var index = value.startIndex
        while index < value.endIndex {
            if value[index] == ASCII.percent, index + 2 < value.endIndex,
                let high = ASCII.hexValue(value[index + 1]), let low = ASCII.hexValue(value[index + 2])
            {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(value[index])
                index += 1
            }
        }
        return out
    }
}
