import InflowCore
import InflowStore

/// The few values of each loaded email that the email-stats report adds up, kept in the
/// catalog so that reports never rescan the tables.
struct EmailFacts {
    private let catalog: Catalog

    /// Opens the job's pending table in SQLite's temporary database.
    init(catalog: Catalog) throws {
        self.catalog = catalog
        try catalog.database.execute(
            """
            DROP TABLE IF EXISTS temp.email_facts_pending;
            CREATE TABLE temp.email_facts_pending AS SELECT * FROM main.email_facts WHERE 0;
            """)
    }

    /// Records the facts of an email row about to be staged; a later row with the same key
    /// replaces the earlier, as in the table.
    func record(_ row: JSONFields) throws {
        guard let key = row.string("id"), let direction = row.string("direction") else { return }
        let day = (row.timestamp("date") ?? row.timestamp("envelopeDate"))?.dayString
        let client = row["client"]?.objectValue
        try catalog.database.query(
            "INSERT OR REPLACE INTO temp.email_facts_pending VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            [
                .text(key), day.map { .text($0) } ?? .null, .text(direction),
                Self.flag(row["opened"]?.boolValue), Self.flag(row["responded"]?.boolValue),
                row["sentiment"]?.objectValue?.double("score").map { .real($0) } ?? .null,
                client?.string("id").map { .text($0) } ?? .null,
                client?.string("name").map { .text($0) } ?? .null,
            ])
    }

    /// Moves the pending facts into the catalog and forgets the emails the load tombstoned;
    /// call inside the commit transaction.
    func commit(emailStage: String?) throws {
        try catalog.database.execute(
            "INSERT OR REPLACE INTO main.email_facts SELECT * FROM temp.email_facts_pending")
        if let emailStage {
            try catalog.database.execute(
                "DELETE FROM main.email_facts WHERE key IN (SELECT key FROM \(emailStage) WHERE status = 'deleted')")
        }
    }

    private static func flag(_ value: Bool?) -> SQLiteDatabase.Value {
        value.map { .integer($0 ? 1 : 0) } ?? .null
    }
}
