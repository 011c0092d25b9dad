public import InflowCore

/// The date-time forms HubSpot data arrives in, read as UTC instants.
///
/// HubSpot stores every date-time as UTC epoch milliseconds, but different paths write it
/// differently: the API and older exports give the milliseconds (`1526573033537`), the API's
/// ISO form has `Z` (`2021-10-14T19:39:27.105Z`), connectors re-serialise it as
/// `2021-02-10 21:38:59` (still UTC, space, seconds, no zone), and the web UI's export shows
/// `2025-11-28 16:14`: minute precision in the exporting user's time zone.
///
/// The two zone-less forms are told apart by their precision: with seconds it is the
/// API-sourced UTC value, with minutes only it is the UI export's wall time, which needs the
/// user's IANA zone and is never taken for UTC.
public struct HubSpotDateTime: Sendable {
    /// The exporting user's zone rules, read once; nil when no zone was given or it is unknown.
    private let zone: ZoneRules?

    /// A reader for one export, with the exporting user's zone read once for every value.
    ///
    /// - Parameters:
    ///   - timeZone: The exporting user's IANA zone (`America/New_York`), used only for the UI
    ///     export's `YYYY-MM-DD HH:MM`.
    ///   - database: Where zone rules are read from.
    public init(timeZone: String?, database: TimeZoneDatabase = .system) {
        zone = timeZone.flatMap(database.zone(named:))
    }

    /// The instant `text` stands for, or nil when it is none of the forms HubSpot writes or is
    /// a UI export's wall time while this reader has no zone.
    public func parse(_ text: String) -> Timestamp? {
        Self.parse(text) { zone }
    }

    /// The instant `text` stands for, or nil when it is none of the forms HubSpot writes or is
    /// a UI export's wall time while no zone is given.
    ///
    /// The zone is read only when the value needs it; for many values of one export, make one
    /// ``init(timeZone:database:)`` reader instead.
    ///
    /// - Parameters:
    ///   - text: The value, surrounding blank space ignored.
    ///   - timeZone: The exporting user's IANA zone (`America/New_York`), used only for the UI
    ///     export's `YYYY-MM-DD HH:MM`.
    ///   - database: Where zone rules are read from.
    /// - Returns: The UTC instant.
    public static func parse(
        _ text: String, timeZone: String?, database: TimeZoneDatabase = .system
    ) -> Timestamp? {
        parse(text) { timeZone.flatMap(database.zone(named:)) }
    }

    /// Reads `text`, asking for the zone only for a UI export's wall time.
    private static func parse(_ text: String, zone: () -> ZoneRules?) -> Timestamp? {
        let bytes = Array(text.utf8)[...]
        let trimmed = ASCII.trimmed(bytes)
        guard !trimmed.isEmpty else { return nil }

        if trimmed.allSatisfy(ASCII.isDigit) {
            guard trimmed.count <= 15 else { return nil }
            return Timestamp(millis: Int64(String(decoding: trimmed, as: UTF8.self))!)
        }

        if let wall = wallClockMinute(trimmed) {
            guard let rules = zone() else { return nil }
            return Timestamp(seconds: rules.utc(fromLocal: wall.seconds))
        }
        let value = String(decoding: trimmed, as: UTF8.self)
        guard let parsed = Timestamp.parseISO8601(value), !parsed.dateOnly else { return nil }
        return parsed.timestamp
    }

    /// `YYYY-MM-DD HH:MM` (or with `T`) read as if it were UTC, or nil for any other text.
    private static func wallClockMinute(_ bytes: ArraySlice<UInt8>) -> Timestamp? {
        guard bytes.count == 16 else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let parsed = Timestamp.parseISO8601(text + "Z"), !parsed.dateOnly else { return nil }
        return parsed.timestamp
    }
}
