/// One parsed content line of iCalendar or vCard: `group.NAME;PARAM=value,"value":value`.
struct ContentLine {
    /// The group prefix (`item1` in `item1.EMAIL`), or nil.
    var group: String?
    /// The property name, uppercased.
    var name: String
    /// The parameters in order, names uppercased, values unquoted.
    var parameters: [(name: String, values: [String])]
    /// The raw value after the first unquoted colon.
    var value: ArraySlice<UInt8>
    /// The 1-based line number, for messages.
    var number: Int

    /// The first value of the parameter `name` (uppercase), or nil.
    func parameter(_ name: String) -> String? {
        parameters.first { $0.name == name }?.values.first
    }

    /// Every value of every parameter called `name` (uppercase), in order.
    func parameterValues(_ name: String) -> [String] {
        parameters.filter { $0.name == name }.flatMap(\.values)
    }

    /// The value as text with TEXT escapes undone.
    var text: String {
        TextValue.unescape(value)
    }

    /// The value as written, decoded as UTF-8.
    var rawText: String {
        String(decoding: ASCII.trimmed(value), as: UTF8.self)
    }
}

/// Why a content line could not be read.
struct ContentLineError: Error {
    var reason: String
}

extension ContentLine {
    /// Parses one unfolded line.
    ///
    /// A parameter without `=` (vCard 2.1 `TEL;CELL:`) is read as a `TYPE` value. Parameter
    /// values may be quoted and use the `^n`, `^^` and `^'` escapes of RFC 6868.
    ///
    /// - Throws: `ContentLineError` when the line has no name or no colon.
    init(parsing bytes: [UInt8], number: Int) throws(ContentLineError) {
        var index = 0
        let nameBytes = ContentLine.token(bytes, &index)
        guard !nameBytes.isEmpty else {
            throw ContentLineError(reason: "line \(number) has no property name")
        }
        var parameters: [(name: String, values: [String])] = []
        while index < bytes.count, bytes[index] == ASCII.semicolon {
            index += 1
            parameters.append(ContentLine.parameter(bytes, &index))
        }
        guard index < bytes.count, bytes[index] == ASCII.colon else {
            let name = String(decoding: nameBytes, as: UTF8.self)
            throw ContentLineError(reason: "line \(number) (\(name)) has no ':' before its value")
        }

        let fullName = ASCII.lowercasedString(nameBytes).uppercased()
        let dot = fullName.lastIndex(of: ".")
        self.group = dot.map { String(fullName[..<$0]) }
        self.name = dot.map { String(fullName[fullName.index(after: $0)...]) } ?? fullName
        self.parameters = parameters
        self.value = bytes[(index + 1)...]
        self.number = number
    }

    /// Reads a name: bytes up to `;`, `:`, `=` or `,`.
    private static func token(_ bytes: [UInt8], _ index: inout Int) -> [UInt8] {
        token(bytes, &index) { $0 == ASCII.equals || $0 == ASCII.comma }
    }

    /// Reads bytes up to `;` or `:`, or a byte `stop` accepts, without surrounding blanks.
    private static func token(
        _ bytes: [UInt8], _ index: inout Int, stop: (UInt8) -> Bool
    ) -> [UInt8] {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.semicolon || byte == ASCII.colon || stop(byte) { break }
            index += 1
        }
        return Array(ASCII.trimmed(bytes[start..<index]))
    }

    /// Reads one parameter after its `;`: its name and comma-separated values.
    private static func parameter(_ bytes: [UInt8], _ index: inout Int) -> (String, [String]) {
        let name = ASCII.lowercasedString(token(bytes, &index)).uppercased()
        guard index < bytes.count, bytes[index] == ASCII.equals else {
            return ("TYPE", [name])
        }
        var values: [String] = []
        repeat {
            index += 1
            values.append(value(bytes, &index))
        } while index < bytes.count && bytes[index] == ASCII.comma
        return (name, values)
    }

    /// Reads one parameter value, quoted or not, with RFC 6868 escapes undone.
    private static func value(_ bytes: [UInt8], _ index: inout Int) -> String {
        while index < bytes.count, ASCII.isBlank(bytes[index]) {
            index += 1
        }
        guard index < bytes.count, bytes[index] == ASCII.quote else {
            return caretDecoded(token(bytes, &index) { $0 == ASCII.comma })
        }
        let start = index + 1
        index = start
        while index < bytes.count, bytes[index] != ASCII.quote {
            index += 1
        }
        let content = bytes[start..<index]
        index = min(index + 1, bytes.count)
        _ = token(bytes, &index) { $0 == ASCII.comma }
        return caretDecoded(content)
    }

    /// Undoes `^n` (newline), `^^` (caret) and `^'` (double quote); other carets stay.
    private static func caretDecoded<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        guard bytes.contains(0x5E) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        var pending = false
        for byte in bytes {
            if pending {
                pending = false
                switch byte {
                case 0x6E: out.append(ASCII.lf)
                case 0x5E: out.append(0x5E)
                case ASCII.apostrophe: out.append(ASCII.quote)
                default: out.append(contentsOf: [0x5E, byte])
                }
            } else if byte == 0x5E {
                pending = true
            } else {
                out.append(byte)
            }
        }
        if pending { out.append(0x5E) }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The TEXT value rules shared by iCalendar and vCard: backslash escapes and lists.
enum TextValue {
    /// The value with `\n`/`\N` turned into a newline and `\,`, `\;`, `\:`, `\\` into the
    /// character; any other backslash is kept as written.
    static func unescape<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        String(decoding: unescapedBytes(bytes), as: UTF8.self)
    }

    /// The unescaped value without surrounding whitespace, or nil when nothing is left.
    static func nonEmpty<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String? {
        let text = ASCII.trimmed(unescapedBytes(bytes))
        return text.isEmpty ? nil : String(decoding: text, as: UTF8.self)
    }

    private static func unescapedBytes<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        guard bytes.contains(ASCII.backslash) else { return Array(bytes) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pending = false
        for byte in bytes {
            if pending {
                pending = false
                switch byte {
                case 0x6E, 0x4E: out.append(ASCII.lf)
                case ASCII.comma, ASCII.semicolon, ASCII.colon, ASCII.backslash: out.append(byte)
                default: out.append(contentsOf: [ASCII.backslash, byte])
                }
            } else if byte == ASCII.backslash {
                pending = true
            } else {
                out.append(byte)
            }
        }
        if pending { out.append(ASCII.backslash) }
        return out
    }

    /// The value split at every `separator` not escaped by a backslash, each part still escaped.
    static func split(_ bytes: ArraySlice<UInt8>, on separator: UInt8) -> [ArraySlice<UInt8>] {
        var parts: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == ASCII.backslash {
                index += 2
                continue
            }
            if bytes[index] == separator {
                parts.append(bytes[start..<index])
                start = index + 1
            }
            index += 1
        }
        parts.append(bytes[start..<min(index, bytes.endIndex)])
        return parts
    }
}
