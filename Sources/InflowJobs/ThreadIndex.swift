import InflowCore
import InflowEnrich
import InflowStore

/// The thread index as one job sees it: what the catalog knew before the job, plus what the
/// job has assigned so far, kept apart until the job commits.
final class ThreadIndex: ThreadLookup {
    private let catalog: Catalog

    /// Opens the job's pending table in SQLite's temporary database.
    init(catalog: Catalog) throws {
        self.catalog = catalog
        try catalog.database.execute(
            """
            DROP TABLE IF EXISTS temp.threads_pending;
            CREATE TABLE temp.threads_pending(message_id TEXT PRIMARY KEY, thread_id TEXT NOT NULL);
            """)
    }

    func threadId(ofMessage messageId: String) throws -> String? {
        let pending = try catalog.database.query(
            "SELECT thread_id FROM temp.threads_pending WHERE message_id = ?1", [.text(messageId)])
        if let known = pending.first?.first?.text { return known }
        return try catalog.threadId(ofMessage: messageId)
    }

    /// Records a message's thread for later lookups in this job.
    func record(messageId: String, threadId: String) throws {
        try catalog.database.query(
            "INSERT OR REPLACE INTO temp.threads_pending VALUES (?1, ?2)",
            [.text(messageId), .text(threadId)])
    }

    /// Moves the pending entries into the catalog; call inside the commit transaction.
    func commit() throws {
        try catalog.database.execute("INSERT OR REPLACE INTO threads SELECT * FROM temp.threads_pending")
    }
}
