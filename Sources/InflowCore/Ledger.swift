/// A job's completeness ledger: for each source and UTC day, the items the job saw and what
/// became of them, so that no item can vanish between the inputs and the tables unnoticed.
public enum Ledger {
    /// The day of items that have no date (and of rejects, whose date is not known).
    public static let undated = "undated"

    /// One source's counts for one day.
    public struct Row: Sendable, Equatable {
        /// Items read from the inputs (records parsed, items rejected, items skipped as already
        /// loaded).
        public var seen = 0
        /// Rows of earlier jobs loaded again (an answered email).
        public var reloaded = 0
        public var added = 0
        public var updated = 0
        public var unchanged = 0
        public var rejected = 0
        /// Rows tombstoned; no input holds them, so they are outside the balance.
        public var deleted = 0

        /// Creates an empty row.
        public init() {}

        /// True when every item in is accounted for: seen + reloaded = added + updated +
        /// unchanged + rejected.
        public var balances: Bool {
            seen + reloaded == added + updated + unchanged + rejected
        }

        /// Adds another row's counts to this one.
        public static func += (lhs: inout Row, rhs: Row) {
            lhs.seen += rhs.seen
            lhs.reloaded += rhs.reloaded
            lhs.added += rhs.added
            lhs.updated += rhs.updated
            lhs.unchanged += rhs.unchanged
            lhs.rejected += rhs.rejected
            lhs.deleted += rhs.deleted
        }

        /// The row as a JSON object.
        public var json: JSON {
            .object(JSONObject([
                ("seen", .int(Int64(seen))), ("reloaded", .int(Int64(reloaded))), ("added", .int(Int64(added))),
                ("updated", .int(Int64(updated))), ("unchanged", .int(Int64(unchanged))),
                ("rejected", .int(Int64(rejected))), ("deleted", .int(Int64(deleted))),
            ]))
        }
    }
}
