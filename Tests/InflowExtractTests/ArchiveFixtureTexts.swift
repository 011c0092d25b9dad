/// The texts packed into `ArchiveFixtures`, byte for byte.
enum ArchiveFixtureTexts {
    static let mailbox = Array("""
        From 1853466712473707184@xxx Mon Jan 05 09:00:00 +0000 2026\r
        X-GM-THRID: 1853466712473707184\r
        From: Alice <alice@example.com>\r
        To: bob@client.test\r
        Subject: Plan\r
        Date: Mon, 5 Jan 2026 09:00:00 +0000\r
        \r
        Hello Bob,\r
        >From the plan, see below.\r
        \r
        From 1853466712473707185@xxx Tue Jan 06 10:00:00 +0000 2026\r
        From: Bob <bob@client.test>\r
        To: alice@example.com\r
        Subject: Re: Plan\r
        Content-Length: 40\r
        \r
        Thanks.\r
        \r
        From me@here wrote this\r
        Bye\r

        """.utf8)

    static let message = Array("""
        From: carol@example.com\r
        To: dan@client.test\r
        Subject: Quote\r
        \r
        See attached.\r

        """.utf8)

    static let calendar = Array("""
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        BEGIN:VEVENT\r
        UID:1@x\r
        SUMMARY:Kickoff\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:2@x\r
        SUMMARY:Review\r
        END:VEVENT\r
        END:VCALENDAR\r

        """.utf8)

    static let contacts = Array("""
        BEGIN:VCARD\r
        VERSION:3.0\r
        FN:Alice\r
        EMAIL:alice@example.com\r
        END:VCARD\r
        BEGIN:VCARD\r
        VERSION:3.0\r
        FN:Bob\r
        EMAIL:bob@client.test\r
        END:VCARD\r

        """.utf8)

    static let noExtension = Array("""
        From: erin@example.com\r
        Subject: no extension\r
        \r
        body\r

        """.utf8)
}
