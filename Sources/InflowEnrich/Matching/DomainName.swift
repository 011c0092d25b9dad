/// Domain and address normalisation shared by every matching step.
///
/// All comparisons, Public Suffix List lookups included, use one ASCII form: lowercased (full
/// Unicode), NFC, one trailing dot removed, and each non-ASCII label turned into its A-label
/// (`xn--` + RFC 3492 Punycode). No other IDNA mapping is applied, so the result is the same
/// everywhere.
public enum DomainName {
    /// Normalises a domain to its ASCII comparison form.
    ///
    /// - Parameter text: A domain such as `Müller-Example.DE.`.
    /// - Returns: The ASCII form (`xn--mller-example-wob.de`), or nil when the domain is empty,
    ///   starts with a dot, has an empty label or contains whitespace.
    public static func normalize(_ text: some StringProtocol) -> String? {
        var scalars = UnicodeNormalization.nfc(text.lowercased())
        if scalars.last == "." { scalars.removeLast() }
        guard !scalars.isEmpty, !scalars.contains(where: { $0.properties.isWhitespace }) else {
            return nil
        }

        var labels: [String] = []
        for label in scalars.split(separator: ".", omittingEmptySubsequences: false) {
            guard !label.isEmpty, let ascii = asciiLabel(Array(label)) else { return nil }
            labels.append(ascii)
        }
        return labels.joined(separator: ".")
    }

    /// Cleans a client domain entry as a CRM holds it: a bare domain or a website.
    ///
    /// Strips a scheme (`https://`), user information, path, query, fragment and port, then one
    /// leading `www.`, then applies ``normalize(_:)``.
    ///
    /// - Returns: The ASCII domain, or nil when nothing usable is left.
    public static func cleanEntry(_ entry: some StringProtocol) -> String? {
        var rest = Substring(trimmed(entry))
        if let scheme = schemeEnd(rest) { rest = rest[scheme...] }
        if let end = rest.firstIndex(where: { "/?#".contains($0) }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if let colon = rest.firstIndex(of: ":") { rest = rest[..<colon] }
        if rest.lowercased().hasPrefix("www.") { rest = rest.dropFirst(4) }
        return normalize(rest)
    }

    /// The index just after a URL scheme's `://`, or nil when the text has none.
    private static func schemeEnd(_ text: Substring) -> Substring.Index? {
        guard let colon = text.firstIndex(of: ":"),
            text[colon...].hasPrefix("://"),
            text[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) })
        else { return nil }
        return text.index(colon, offsetBy: 3)
    }

    /// The text without leading and trailing whitespace.
    static func trimmed(_ text: some StringProtocol) -> Substring {
        let scalars = Substring(text).unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return Substring(scalars[first...last])
    }

    /// One label in ASCII form: itself when ASCII, else its A-label.
    private static func asciiLabel(_ scalars: [Unicode.Scalar]) -> String? {
        if scalars.allSatisfy(\.isASCII) {
            var label = ""
            label.unicodeScalars.append(contentsOf: scalars)
            return label
        }
        return Punycode.encode(scalars).map { "xn--" + $0 }
    }
}

/// An email address in comparison form, as the matching rules read it.
public struct EmailAddress: Sendable, Hashable {
    /// The local part, lowercased.
    public var local: String
    /// The domain in ASCII comparison form (see ``DomainName/normalize(_:)``).
    public var domain: String

    /// Parses and normalises an address.
    ///
    /// Trims whitespace, drops a leading `mailto:` and surrounding `<` `>`, splits at the last
    /// `@`, lowercases the local part and normalises the domain.
    ///
    /// - Returns: nil when there is no `@`, the local or domain part is empty, or the domain is
    ///   not a valid domain with at least one dot.
    public init?(_ text: some StringProtocol) {
        var rest = DomainName.trimmed(text)
        if rest.lowercased().hasPrefix("mailto:") { rest = rest.dropFirst(7) }
        if rest.hasPrefix("<"), rest.hasSuffix(">") { rest = rest.dropFirst().dropLast() }

        guard let at = rest.lastIndex(of: "@") else { return nil }
        let local = rest[..<at]
        guard !local.isEmpty, let domain = DomainName.normalize(rest[rest.index(after: at)...]),
            domain.contains(".")
        else { return nil }
        self.local = local.lowercased()
        self.domain = domain
    }

    /// `local@domain`.
    public var text: String {
        local + "@" + domain
    }

    /// The key two contact addresses are compared by: the address without a `+tag` in the
    /// local part, so `jo+billing@x.example` and `jo@x.example` are one contact.
    public var contactKey: String {
        guard let plus = local.firstIndex(of: "+"), plus != local.startIndex else { return text }
        return local[..<plus] + "@" + domain
    }
}
