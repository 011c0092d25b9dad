import Testing

@testable import InflowEnrich

@Suite struct MatchingDomainNameTests {
    @Test(arguments: [
        ("müller-example", "mller-example-wob"),
        ("bäckerei-example", "bckerei-example-0kb"),
        ("straße", "strae-oqa"),
        ("食狮", "85x722f"),
        ("中国", "fiqs8s"),
        ("☃", "n3h"),
        ("ليهمابتكلموشعربي؟", "egbpdaj6bu4bxfgehfvwxn"),
    ])
    func punycodeEncodesLikeRFC3492(label: String, encoded: String) {
        #expect(Punycode.encode(Array(label.unicodeScalars)) == encoded)
    }

    @Test(arguments: [
        ("müller-example.de", "xn--mller-example-wob.de"),
        ("Bäckerei-Example.DE.", "xn--bckerei-example-0kb.de"),
        ("XN--BCHER-EXAMPLE-WOB.de", "xn--bcher-example-wob.de"),
        ("ACME.CO.UK", "acme.co.uk"),
        ("STRASSE.example", "strasse.example"),
        ("straße.example", "xn--strae-oqa.example"),
        ("cafe\u{301}.example", "xn--caf-dma.example"),
        ("café.example", "xn--caf-dma.example"),
    ])
    func normalizesToLowercaseASCII(input: String, expected: String) {
        #expect(DomainName.normalize(input) == expected)
    }

    @Test(arguments: ["", ".", ".acme.example", "acme..example", "acme.example..", "ac me.example",
                      "acme.example\t"])
    func rejectsMalformedDomains(input: String) {
        #expect(DomainName.normalize(input) == nil)
    }

    @Test(arguments: [
        ("https://www.globex.com.au/about", "globex.com.au"),
        ("http://Shop.Acme.co.uk:8080/path?query=1#top", "shop.acme.co.uk"),
        ("WWW.Acme.Example.", "acme.example"),
        ("www.www.acme.example", "www.acme.example"),
        ("  acme.example  ", "acme.example"),
        ("sales@acme.example", "acme.example"),
        ("acme.example/contact", "acme.example"),
        ("bücher-example.de", "xn--bcher-example-wob.de"),
    ])
    func cleansClientDomainEntries(entry: String, expected: String) {
        #expect(DomainName.cleanEntry(entry) == expected)
    }

    @Test func cleaningLeavesNothingForEmptyEntries() {
        #expect(DomainName.cleanEntry("https://") == nil)
        #expect(DomainName.cleanEntry("   ") == nil)
    }

    @Test(arguments: [
        ("  Jo.Bloggs@ACME.CO.UK. ", "jo.bloggs@acme.co.uk"),
        ("mailto:jo@acme.example", "jo@acme.example"),
        ("<jo@acme.example>", "jo@acme.example"),
        ("MAILTO:<Jo@Acme.Example>", "jo@acme.example"),
        ("\"odd@local\"@acme.example", "\"odd@local\"@acme.example"),
        ("info@müller-example.de", "info@xn--mller-example-wob.de"),
    ])
    func parsesAddresses(input: String, expected: String) {
        #expect(EmailAddress(input)?.text == expected)
    }

    @Test(arguments: ["undisclosed-recipients:;", "@acme.example", "jo@", "jo@localhost",
                      "jo@.acme.example", "jo@acme..example", ""])
    func rejectsInvalidAddresses(input: String) {
        #expect(EmailAddress(input) == nil)
    }

    @Test(arguments: [
        ("consultant+billing@globex.example", "consultant@globex.example"),
        ("consultant@globex.example", "consultant@globex.example"),
        ("a+b+c@globex.example", "a@globex.example"),
        ("+tag@globex.example", "+tag@globex.example"),
        ("first.last@gmail.com", "first.last@gmail.com"),
    ])
    func contactKeyDropsOnlyThePlusTag(input: String, key: String) throws {
        #expect(try #require(EmailAddress(input)).contactKey == key)
    }
}
