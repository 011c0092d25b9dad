/// The Public Suffix List: which domains are suffixes under which anyone can register a name.
///
/// Matching compares registrable domains (eTLD+1), so `mail.eu.acme.co.uk` and `acme.co.uk`
/// belong together while `acme.github.io` and `other.github.io` do not. Both sections of the
/// list are used, ICANN and private. Rules are stored in ASCII (A-label) form, the same form
/// ``DomainName/normalize(_:)`` gives hosts.
public struct PublicSuffixList: Sendable {
    /// Where Debian's `publicsuffix` package installs the list.
    public static let debianPath = "/usr/share/publicsuffix/public_suffix_list.dat"

    /// Plain rules such as `co.uk`.
    private var normal: Set<String> = []
    /// Wildcard rules by the part after `*.`: `ck` for `*.ck`.
    private var wildcardParents: Set<String> = []
    /// Exception rules without the `!`: `www.ck` for `!www.ck`.
    private var exceptions: Set<String> = []

    /// The number of rules read, of every kind.
    public private(set) var ruleCount = 0

    /// Parses the list's text format.
    ///
    /// One rule a line, read up to the first whitespace; lines starting with `//` and blank
    /// lines are skipped. A rule that cannot be normalised is skipped too, as other PSL readers
    /// do.
    public init(text: String) {
        for line in text.split(whereSeparator: \.isNewline) {
            guard let rule = line.split(whereSeparator: \.isWhitespace).first,
                !rule.hasPrefix("//")
            else { continue }
            add(rule: rule)
        }
    }

    /// Loads the list from a file, Debian's copy by default.
    ///
    /// - Throws: ``MatchingDataError`` naming the file when it is missing or unreadable, or
    ///   `.malformed` when it holds no rule at all.
    public static func load(path: String = debianPath) throws(MatchingDataError) -> Self {
        let bytes = try MatchingDataFile.read(path, remedy: "install the publicsuffix package")
        let list = Self(text: String(decoding: bytes, as: UTF8.self))
        guard list.ruleCount > 0 else {
            throw MatchingDataError(.malformed, path: path, message: "holds no suffix rule")
        }
        return list
    }

    /// The registrable domain (eTLD+1) of a host, in ASCII form.
    ///
    /// The host is normalised first (case, NFC, trailing dot, Unicode labels to A-labels).
    ///
    /// - Returns: The public suffix plus one label, or nil when the host is itself a public
    ///   suffix or is not a valid domain (empty, a leading dot, an empty label).
    public func registrableDomain(of host: String) -> String? {
        DomainName.normalize(host).flatMap(registrableDomain(ofNormalized:))
    }

    /// The registrable domain of a host already in ASCII comparison form.
    func registrableDomain(ofNormalized host: String) -> String? {
        let starts = labelStarts(host)
        let suffixLabels = publicSuffixLabelCount(host, starts: starts)
        guard suffixLabels < starts.count else { return nil }
        return String(host[starts[starts.count - suffixLabels - 1]...])
    }

    /// Whether a normalised host is a public suffix, so that nothing is registrable at it.
    func isPublicSuffix(_ host: String) -> Bool {
        registrableDomain(ofNormalized: host) == nil
    }

    /// How many labels of the host the public suffix has.
    ///
    /// An exception rule decides alone (its suffix is the rule minus its first label);
    /// otherwise the matching rule with most labels wins; with no match the suffix is the last
    /// label.
    private func publicSuffixLabelCount(_ host: String, starts: [String.Index]) -> Int {
        var longest = 1
        for (position, start) in starts.enumerated() {
            let suffix = String(host[start...])
            let labels = starts.count - position
            if exceptions.contains(suffix) { return labels - 1 }
            if normal.contains(suffix) { longest = max(longest, labels) }
            if position > 0, wildcardParents.contains(suffix) { longest = max(longest, labels + 1) }
        }
        return longest
    }

    /// The index where each label of the host starts, leftmost first.
    private func labelStarts(_ host: String) -> [String.Index] {
        var starts = [host.startIndex]
        var index = host.startIndex
        while let dot = host[index...].firstIndex(of: ".") {
            index = host.index(after: dot)
            starts.append(index)
        }
        return starts
    }

    /// Files one rule under its kind.
    private mutating func add(rule: Substring) {
        if rule.hasPrefix("!") {
            guard let name = DomainName.normalize(rule.dropFirst()) else { return }
            exceptions.insert(name)
        } else if rule.hasPrefix("*.") {
            guard let name = DomainName.normalize(rule.dropFirst(2)) else { return }
            wildcardParents.insert(name)
        } else {
            guard let name = DomainName.normalize(rule) else { return }
            normal.insert(name)
        }
        ruleCount += 1
    }
}
