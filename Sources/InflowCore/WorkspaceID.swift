/// A workspace id: a lowercase domain name, checked before any path is built from it.
public struct WorkspaceID: Sendable, Hashable, CustomStringConvertible {
    /// The id as given, known to be a safe domain name.
    public let value: String

    /// Why a text is not a workspace id.
    public struct Invalid: Error, CustomStringConvertible {
        public let text: String
        public let reason: String

        public var description: String {
            "invalid workspace id '\(text.debugEscaped)': \(reason); "
                + "a workspace id is a lowercase domain name such as example.com"
        }
    }

    /// Checks `text` and keeps it.
    ///
    /// - Throws: `WorkspaceID.Invalid` for uppercase letters, slashes, `..`, spaces, control
    ///   characters, or anything else that is not a domain name of at most 253 characters.
    public init(_ text: String) throws(Invalid) {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !text.isEmpty, text.utf8.count <= 253 else {
            throw Invalid(text: text, reason: "it must have 1 to 253 characters")
        }
        if text.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) {
            throw Invalid(text: text, reason: "it has uppercase letters")
        }
        for label in labels {
            guard !label.isEmpty, label.utf8.count <= 63 else {
                throw Invalid(text: text, reason: "it has an empty or over-long label")
            }
            let allowed = label.utf8.allSatisfy {
                ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z"))
                    || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-")
            }
            guard allowed else {
                throw Invalid(text: text, reason: "only a-z, 0-9, '-' and '.' are allowed")
            }
            guard label.first != "-", label.last != "-" else {
                throw Invalid(text: text, reason: "a label may not start or end with '-'")
            }
        }
        value = text
    }

    public var description: String {
        value
    }
}

extension String {
    /// The string with control characters and quotes escaped, for echoing untrusted input in
    /// a one-line message.
    public var debugEscaped: String {
        var out = ""
        for scalar in unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
