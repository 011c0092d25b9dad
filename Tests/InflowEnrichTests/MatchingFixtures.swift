import Glibc
import Testing

@testable import InflowEnrich

/// Paths and data shared by the matching suites.
enum MatchingFixtures {
    /// The package root, found from this file's path.
    static let packageRoot: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    /// The shared reference folder beside the package, present on developer machines and CI.
    static let referenceFolder = packageRoot + "/../shared/reference"

    /// The shared client-matching cases.
    static let casesPath = referenceFolder + "/client-matching-cases.jsonl"

    /// The fetched free-mail list.
    static let freeMailListPath = packageRoot + "/" + FreeMailDomains.defaultListPath

    /// The project's free-mail override file.
    static let freeMailOverridesPath = packageRoot + "/" + FreeMailDomains.defaultOverridesPath

    /// Where Debian's test cases for PSL readers live.
    static let debianPSLTestsPath = "/usr/share/doc/publicsuffix/examples/test_psl.txt"

    /// A small list in the PSL format with every kind of rule, both sections and a Unicode rule.
    static let smallSuffixList = PublicSuffixList(text: """
        // ===BEGIN ICANN DOMAINS===
        com
        uk
        co.uk
        // A wildcard with an exception, as for .ck.
        ck
        *.ck
        !www.ck
        jp
        kawasaki.jp
        *.kawasaki.jp
        !city.kawasaki.jp
        cn
        公司.cn
        example
        // ===END ICANN DOMAINS===
        // ===BEGIN PRIVATE DOMAINS===
        io
        github.io   trailing text after whitespace is ignored
        us.com
        // ===END PRIVATE DOMAINS===
        """)

    private static let loadedSuffixList = Result { () throws(MatchingDataError) in
        try PublicSuffixList.load()
    }

    private static let loadedFreeMail = Result { () throws(MatchingDataError) in
        try FreeMailDomains.load(listPath: freeMailListPath, overridesPath: freeMailOverridesPath)
    }

    /// Debian's Public Suffix List, loaded once, or a failed expectation naming the package to
    /// install.
    static func debianSuffixList(
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> PublicSuffixList {
        try recording(loadedSuffixList, sourceLocation)
    }

    /// The fetched free-mail list with the project's overrides, loaded once, or a failed
    /// expectation saying to run the fetch script.
    static func freeMail(
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> FreeMailDomains {
        try recording(loadedFreeMail, sourceLocation)
    }

    /// The value of a load, recording its error as an issue at the caller when it failed.
    private static func recording<Value>(
        _ result: Result<Value, MatchingDataError>, _ sourceLocation: SourceLocation
    ) throws -> Value {
        do {
            return try result.get()
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// Whether a file or folder exists.
    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// A matcher over `clients` with a small free-mail set and the small suffix list.
    static func matcher(
        _ clients: [(id: String, name: String, aliases: [String], domains: [String],
            contacts: [String])],
        workspace: [String] = ["northpeak.example"],
        freeMail: FreeMailDomains = FreeMailDomains(["gmail.com", "outlook.com", "yahoo.co.uk"])
    ) -> ClientMatcher {
        var directory = ClientDirectory()
        for client in clients {
            directory.add(
                id: client.id, name: client.name, aliases: client.aliases,
                domains: client.domains, contacts: client.contacts)
        }
        return ClientMatcher(
            directory: directory, workspaceDomains: workspace,
            publicSuffixes: smallSuffixList, freeMail: freeMail)
    }
}
