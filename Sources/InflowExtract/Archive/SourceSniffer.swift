/// Recognises what a file or archive entry holds by its name's extension and its first bytes,
/// never by folder names, which Takeout localises.
enum SourceSniffer {
    /// The kind of data in a file named `name` that starts with `head`.
    static func kind(name: String, head: [UInt8]) -> InputKind {
        let lower = name.lowercased()
        // A `.eml` that starts with an mbox separator holds a mailbox, and is split like one.
        if lower.hasSuffix(".eml"), MailSniffer.kind(of: head) == .mailbox { return .mailbox }
        for (suffix, kind) in byExtension where lower.hasSuffix(suffix) { return kind }
        if startsWith(head, "BEGIN:VCALENDAR") { return .calendar }
        if startsWith(head, "BEGIN:VCARD") { return .contacts }
        if let kind = MailSniffer.kind(of: head) { return kind }
        return .ignored(reason: ignoredReason(lower, empty: head.isEmpty))
    }

    private static let byExtension: [(String, InputKind)] = [
        (".mbox", .mailbox), (".eml", .message), (".ics", .calendar), (".vcf", .contacts),
    ]

    /// Whether the text, past a byte-order mark and blank space, starts with `keyword` in any
    /// letter case.
    private static func startsWith(_ head: [UInt8], _ keyword: String) -> Bool {
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        bytes = bytes.drop { $0 == 32 || $0 == 9 || $0 == 13 || $0 == 10 }
        let wanted = Array(keyword.utf8)
        guard bytes.count >= wanted.count else { return false }
        return zip(bytes, wanted).allSatisfy { $0 & 0xDF == $1 & 0xDF }
    }

    private static func ignoredReason(_ name: String, empty: Bool) -> String {
        let reasons: [([String], String)] = [
            ([".html", ".htm"], "an index page"),
            ([".json"], "settings or metadata"),
            ([".jpg", ".jpeg", ".png", ".gif", ".heic", ".webp"], "a photo"),
            ([".csv"], "a CSV file; Google data is read from mbox, eml, ics and vcf files"),
            ([".zip", ".tgz", ".tar", ".gz"], "an archive inside an archive; it is not opened"),
        ]
        for (suffixes, reason) in reasons where suffixes.contains(where: name.hasSuffix) {
            return reason
        }
        if empty { return "an empty file" }
        return "neither mail, a calendar nor contacts, by name or by content"
    }
}

/// Recognises the archives `ArchiveReader` opens.
enum ArchiveSniffer {
    private static let extensions = [".zip", ".tgz", ".tar.gz", ".tar", ".tbz", ".tar.bz2",
                                     ".tar.xz", ".txz"]

    /// Whether a file named `name` starting with `head` is taken for an archive: by its magic
    /// bytes (zip, gzip, bzip2, xz, ustar) or by its extension, so that a damaged archive is
    /// still opened and refused with libarchive's reason.
    static func isArchive(name: String, head: [UInt8]) -> Bool {
        let lower = name.lowercased()
        if extensions.contains(where: lower.hasSuffix) { return true }
        let magics: [[UInt8]] = [
            [0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06], [0x1F, 0x8B],
            [0x42, 0x5A, 0x68], [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00],
        ]
        if magics.contains(where: head.starts(with:)) { return true }
        return head.count >= 262 && head[257..<262].elementsEqual("ustar".utf8)
    }
}
