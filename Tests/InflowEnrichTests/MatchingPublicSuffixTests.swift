import Testing

@testable import InflowEnrich

@Suite struct MatchingPublicSuffixTests {
    private let list = MatchingFixtures.smallSuffixList

    @Test(arguments: [
        ("acme.co.uk", "acme.co.uk"),
        ("mail.eu.acme.co.uk", "acme.co.uk"),
        ("acme.example", "acme.example"),
        ("acme.unlisted", "acme.unlisted"),
        ("a.b.acme.unlisted", "acme.unlisted"),
        ("acme.github.io", "acme.github.io"),
        ("x.acme.github.io", "acme.github.io"),
        ("tailspin.us.com", "tailspin.us.com"),
        ("shop.食狮.公司.cn", "xn--85x722f.xn--55qx5d.cn"),
        ("食狮.cn", "xn--85x722f.cn"),
    ])
    func normalRulesAndPrivateSection(host: String, registrable: String) {
        #expect(list.registrableDomain(of: host) == registrable)
    }

    @Test(arguments: [
        ("mail.rarotonga-traders.co.ck", "rarotonga-traders.co.ck"),
        ("rarotonga-traders.co.ck", "rarotonga-traders.co.ck"),
        ("www.ck", "www.ck"),
        ("mail.www.ck", "www.ck"),
        ("city.kawasaki.jp", "city.kawasaki.jp"),
        ("www.city.kawasaki.jp", "city.kawasaki.jp"),
        ("shop.ward.kawasaki.jp", "shop.ward.kawasaki.jp"),
    ])
    func wildcardAndExceptionRules(host: String, registrable: String) {
        #expect(list.registrableDomain(of: host) == registrable)
    }

    @Test(arguments: ["co.uk", "uk", "github.io", "co.ck", "ck", "ward.kawasaki.jp", "公司.cn",
                      "unlisted", ".acme.co.uk", ""])
    func publicSuffixesHaveNoRegistrableDomain(host: String) {
        #expect(list.registrableDomain(of: host) == nil)
    }

    @Test func countsEveryRuleKind() {
        #expect(list.ruleCount == 16)
    }

    @Test func missingFileNamesThePackageToInstall() {
        let path = "/nonexistent/public_suffix_list.dat"
        #expect(throws: MatchingDataError(
            .missing, path: path, message: "not found; install the publicsuffix package")
        ) {
            try PublicSuffixList.load(path: path)
        }
    }

    @Test func emptyFileIsMalformed() throws {
        let error = #expect(throws: MatchingDataError.self) {
            try PublicSuffixList.load(path: "/dev/null")
        }
        #expect(error?.code == .malformed)
    }

    @Test(.enabled(
        if: MatchingFixtures.exists(PublicSuffixList.debianPath),
        "Debian's publicsuffix package is not installed"))
    func debianListHasBothSections() throws {
        let debian = try MatchingFixtures.debianSuffixList()
        #expect(debian.ruleCount == 9_506)
        #expect(debian.registrableDomain(of: "acme.github.io") == "acme.github.io")
        #expect(debian.registrableDomain(of: "x.acme.herokuapp.com") == "acme.herokuapp.com")
        #expect(debian.registrableDomain(of: "city.kawasaki.jp") == "city.kawasaki.jp")
        #expect(debian.registrableDomain(of: "mail.rarotonga-traders.co.ck")
            == "rarotonga-traders.co.ck")
        #expect(debian.registrableDomain(of: "com.np") == nil)
    }

    @Test(.enabled(
        if: MatchingFixtures.exists(MatchingFixtures.debianPSLTestsPath)
            && MatchingFixtures.exists(PublicSuffixList.debianPath),
        "Debian's publicsuffix examples are not installed"))
    func passesDebianTestFile() throws {
        let debian = try MatchingFixtures.debianSuffixList()
        let bytes = try MatchingDataFile.read(MatchingFixtures.debianPSLTestsPath, remedy: "")
        var checked = 0
        for line in MatchingDataFile.lines(bytes) where line.hasPrefix("checkPublicSuffix(") {
            let arguments = line.dropFirst("checkPublicSuffix(".count).split(separator: ",")
            guard arguments.count == 2, let input = Self.literal(arguments[0]) else { continue }
            let expected = Self.literal(arguments[1]).flatMap { DomainName.normalize($0) }
            #expect(debian.registrableDomain(of: input) == expected, "\(line)")
            checked += 1
        }
        // 78 active lines; `checkPublicSuffix(null, null)` has no input to run.
        #expect(checked == 77)
    }

    /// The string inside a JavaScript literal such as `'example.com'`, nil for `null`.
    private static func literal(_ argument: Substring) -> String? {
        let parts = argument.split(separator: "'", omittingEmptySubsequences: false)
        return parts.count >= 3 ? String(parts[1]) : nil
    }
}
