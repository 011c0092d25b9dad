/// How the documents spell durations and estimates.
public enum DurationText {
    /// `"45 seconds"` under a minute, `"8 minutes"` under two hours, else `"3 hours 10 minutes"`.
    public static func describe(seconds: Int64) -> String {
        let seconds = max(0, seconds)
        if seconds < 60 { return plural(Int(seconds), "second") }
        let minutes = Int((seconds + 30) / 60)
        if minutes < 120 { return plural(minutes, "minute") }
        let hours = minutes / 60
        let rest = minutes % 60
        return rest == 0 ? plural(hours, "hour") : plural(hours, "hour") + " " + plural(rest, "minute")
    }

    /// A range such as `"5-10 minutes"` around an estimate: from the estimate to twice it,
    /// in whole minutes (at least `"1-2 minutes"`), or hours past two hours.
    public static func estimate(seconds: Double) -> String {
        let minutes = max(1, Int((seconds / 60).rounded()))
        if minutes < 120 { return "\(minutes)-\(minutes * 2) minutes" }
        let hours = max(2, Int((Double(minutes) / 60).rounded()))
        return "\(hours)-\(hours * 2) hours"
    }

    private static func plural(_ count: Int, _ unit: String) -> String {
        count == 1 ? "1 \(unit)" : "\(count) \(unit)s"
    }
}
