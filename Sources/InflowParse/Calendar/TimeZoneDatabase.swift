import Glibc

/// The system's tz database: a folder of TZif files named by IANA zone (`America/New_York`).
///
/// The calendar parser reads zone files itself rather than through Foundation's `TimeZone`,
/// which needs the ICU library; a TZif file and its POSIX footer are all the rules a zone has.
public struct TimeZoneDatabase: Sendable {
    /// The folder holding the TZif files.
    public var directory: String

    /// A database in `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// The database the operating system installs, `/usr/share/zoneinfo`.
    public static let system = TimeZoneDatabase(directory: "/usr/share/zoneinfo")

    /// The rules of the IANA zone `name`, or nil when the name is not a safe zone path or the
    /// file is missing or unreadable.
    ///
    /// A globally unique TZID (`/freeassociation.sourceforge.net/Tzfile/Europe/Berlin`,
    /// `/mozilla.org/20070129_1/America/New_York`) is tried without its leading path parts
    /// until an IANA name is left.
    /// Whether the database has a zone of this IANA name (`Europe/Berlin`).
    public func knows(_ name: String) -> Bool {
        zone(named: name) != nil
    }

    func zone(named name: String) -> ZoneRules? {
        var parts = name.split(separator: "/", omittingEmptySubsequences: false)
        if parts.first == "" { parts.removeFirst() }
        while !parts.isEmpty {
            if let zone = loadZone(parts.joined(separator: "/")) { return .table(zone) }
            guard parts.count > 1, name.hasPrefix("/") else { return nil }
            parts.removeFirst()
        }
        return nil
    }

    private func loadZone(_ name: String) -> TZifZone? {
        guard TimeZoneDatabase.isSafeName(name), let bytes = readFile(directory + "/" + name) else {
            return nil
        }
        return TZifZone(bytes: bytes)
    }

    /// True for names made of letters, digits, `_`, `-`, `+` and `/`-separated parts that are
    /// not `.` or `..`, so a TZID cannot reach outside the database folder.
    private static func isSafeName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 64 else { return false }
        let allowed = name.utf8.allSatisfy {
            ASCII.isLetter($0) || ASCII.isDigit($0) || $0 == ASCII.underscore
                || $0 == ASCII.minus || $0 == ASCII.plus || $0 == ASCII.slash
        }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        return allowed && parts.allSatisfy { !$0.isEmpty }
    }

    /// The file's bytes (`open`, `read`), or nil when it cannot be read or is larger than
    /// `CalendarLimits.maxZoneFileBytes`.
    private func readFile(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }

        let limit = CalendarLimits.maxZoneFileBytes
        var bytes = [UInt8](repeating: 0, count: limit + 1)
        var count = 0
        while count <= limit {
            let got = bytes.withUnsafeMutableBytes {
                read(descriptor, $0.baseAddress! + count, limit + 1 - count)
            }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { break }
            count += got
        }
        guard count <= limit else { return nil }
        return Array(bytes[..<count])
    }
}
