import Glibc
import Testing

@testable import InflowEnrich

@Suite struct MatchingFreeMailTests {
    @Test func fetchedListHoldsTheKnownProviders() throws {
        let list = try FreeMailDomains.load(
            listPath: MatchingFixtures.freeMailListPath, overridesPath: nil)
        #expect(list.count == 4_778)
        for domain in ["gmail.com", "outlook.de", "yahoo.co.jp", "orange.fr", "GMX.de", "qq.com"] {
            #expect(list.contains(domain), "\(domain)")
        }
        for domain in ["hey.com", "tutanota.com", "sfr.fr", "acme.example"] {
            #expect(!list.contains(domain), "\(domain)")
        }
    }

    @Test func projectOverridesAddMissingProviders() throws {
        let list = try MatchingFixtures.freeMail()
        #expect(list.contains("hey.com"))
        #expect(list.contains("tuta.io"))
        #expect(list.contains("gmail.com"))
    }

    @Test func overrideFileAddsAndRemoves() throws {
        let path = try MatchingTemporaryFile(contents: """
            # comment
            +extra-free.example

            bare-free.example
            -gmail.com
            """)
        var list = FreeMailDomains(["gmail.com", "outlook.com"])
        try list.applyOverrides(path: path.path)
        #expect(!list.contains("gmail.com"))
        #expect(list.contains("outlook.com"))
        #expect(list.contains("extra-free.example"))
        #expect(list.contains("bare-free.example"))
        #expect(list.count == 3)
    }

    @Test func badOverrideLineNamesFileAndLine() throws {
        let file = try MatchingTemporaryFile(contents: "ok.example\n+not a domain\n")
        var list = FreeMailDomains([])
        #expect(throws: MatchingDataError(
            .malformed, path: file.path, message: "line 2: 'not a domain' is not a domain")
        ) {
            try list.applyOverrides(path: file.path)
        }
    }

    @Test func missingListSaysToRunTheFetchScript() {
        let error = #expect(throws: MatchingDataError.self) {
            try FreeMailDomains.load(listPath: "/nonexistent/domains.txt", overridesPath: nil)
        }
        #expect(error?.code == .missing)
        #expect(error?.message.contains("scripts/fetch-free-email.sh") == true)
    }
}

/// A file in the temporary folder, deleted when the value goes away.
final class MatchingTemporaryFile {
    let path: String

    init(contents: String) throws {
        var template = Array("/tmp/inflow-matching-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        try #require(descriptor >= 0)
        path = String(cString: template)
        let bytes = Array(contents.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        try #require(written == bytes.count)
    }

    deinit {
        unlink(path)
    }
}
