import InflowCore
import InflowParse

/// Builds raw items from fixture text and parses them, for the parser suites.
enum Fixture {
    /// A raw item holding `bytes`, with a fixed origin.
    static func item(_ bytes: [UInt8], envelopeDate: Timestamp? = nil) -> RawItem {
        RawItem(
            source: .google, dataType: .emails,
            origin: Origin(file: "fixture.mbox", offset: 0, sha256: "abc123"),
            envelopeDate: envelopeDate, bytes: bytes)
    }

    /// `text` with every LF turned into CRLF, as most mail is stored.
    static func crlf(_ text: String) -> [UInt8] {
        Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    /// Parses `bytes` and requires a record.
    static func record(_ bytes: [UInt8]) throws -> EmailRecord {
        try EmailParser.parse(item(bytes)).get()
    }

    /// Parses LF-separated `text` and requires a record.
    static func record(_ text: String) throws -> EmailRecord {
        try record(Array(text.utf8))
    }

    /// The ISO 8601 form of a parsed date, for comparing with hand-computed UTC values.
    static func date(_ header: String) throws -> String? {
        try record("Date: \(header)\n\nbody\n").date?.iso8601
    }
}

extension String {
    /// Replaces every occurrence of `target`, without Foundation.
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
