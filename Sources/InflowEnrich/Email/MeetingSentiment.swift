public import InflowCore

/// Which text of a meeting sentiment reads.
public enum MeetingSentiment {
    /// The title and the description, one after the other on separate lines; nil when the
    /// meeting has neither.
    public static func text(of meeting: MeetingRecord) -> String? {
        let parts = [meeting.title, meeting.description].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: "\n")
    }
}
