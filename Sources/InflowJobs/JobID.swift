/// Makes job ids: a prefix and 12 random lowercase letters and digits.
public enum JobID {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")

    /// A new id such as `ingest_job_k3v9x0q2m7ab` (syncs, replays) or `backfill_...`.
    public static func make(kind: String = "ingest_job_") -> String {
        var generator = SystemRandomNumberGenerator()
        return kind + String((0..<12).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// True when `text` has the shape of a job id, so it is safe in paths and queries.
    public static func isValid(_ text: String) -> Bool {
        for prefix in ["ingest_job_", "backfill_"] where text.hasPrefix(prefix) {
            let rest = text.dropFirst(prefix.count)
            return rest.count == 12 && rest.allSatisfy { alphabet.contains($0) }
        }
        return false
    }
}
