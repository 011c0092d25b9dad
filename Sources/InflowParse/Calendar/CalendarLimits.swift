/// The bounds the calendar parser enforces, so that one hostile or broken file costs bounded
/// time and memory.
///
/// A line or component over a limit rejects the event it belongs to, with the limit named in
/// the reason; a file with too many events or components nested too deeply is rejected whole.
/// Recurrences are never expanded (RRULE is kept as text), so no limit on instances is needed.
public enum CalendarLimits {
    /// The most bytes one unfolded content line may have.
    public static let maxLineBytes = 1 << 20

    /// The most properties one component may have.
    public static let maxPropertiesPerComponent = 10_000

    /// The most VEVENT components one file may hold.
    public static let maxEventsPerFile = 200_000

    /// The most ATTENDEE properties one event may have.
    public static let maxAttendeesPerEvent = 5_000

    /// The deepest nesting of BEGIN/END components.
    public static let maxNestingDepth = 16

    /// The most yearly STANDARD or DAYLIGHT rules of one VTIMEZONE that are evaluated; real
    /// zones have two, sometimes four.
    public static let maxYearlyRulesPerZone = 64

    /// The most bytes of a TZif file read from the zone database.
    public static let maxZoneFileBytes = 1 << 20
}
