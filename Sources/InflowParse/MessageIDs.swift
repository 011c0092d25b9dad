/// Message-ID, In-Reply-To and References values.
enum MessageIDs {
    /// Every id in a value: the contents of each `<...>` without whitespace, or, when there
    /// are no angle brackets, each whitespace-separated word.
    static func all(_ value: [UInt8]) -> [String] {
        var ids: [String] = []
        var index = value.startIndex
        while let open = value[index...].firstIndex(of: ASCII.less) {
            guard let close = value[open...].firstIndex(of: ASCII.greater) else { break }
            let id = value[(open + 1)..<close].filter { !ASCII.isWhitespace($0) }
            if !id.isEmpty { ids.append(String(decoding: id, as: UTF8.self)) }
            index = close + 1
        }
        if ids.isEmpty, !value.contains(ASCII.less) {
            let words = value.split(whereSeparator: ASCII.isWhitespace)
            ids = words.map { String(decoding: $0, as: UTF8.self) }
        }
        return ids
    }

    /// The first id of a value, normalised, or nil when there is none.
    static func first(_ value: [UInt8]) -> String? {
        all(value).first
    }
}

/// The `X-Gmail-Labels` header: labels written as one CSV record.
enum GmailLabels {
    /// The labels of the decoded header value: comma-separated, a label holding a comma is
    /// double-quoted (`""` inside quotes is a quote), surrounding whitespace trimmed, empty
    /// labels dropped.
    static func split(_ text: String) -> [String] {
        var labels: [String] = []
        var current: [UInt8] = []
        var quoted = false
        var bytes = Array(text.utf8).makeIterator()
        while let byte = bytes.next() {
            if byte == ASCII.quote {
                if quoted, let next = bytes.next() {
                    if next == ASCII.quote {
                        current.append(ASCII.quote)
                        continue
                    }
                    quoted = false
                    if next == ASCII.comma {
                        finish(&current, into: &labels)
                    } else {
                        current.append(next)
                    }
                    continue
                }
                quoted.toggle()
            } else if byte == ASCII.comma, !quoted {
                finish(&current, into: &labels)
            } else {
                current.append(byte)
            }
        }
        finish(&current, into: &labels)
        return labels
    }

    private static func finish(_ current: inout [UInt8], into labels: inout [String]) {
        let label = ASCII.trimmed(current)
        if !label.isEmpty { labels.append(String(decoding: label, as: UTF8.self)) }
        current.removeAll()
    }
}
