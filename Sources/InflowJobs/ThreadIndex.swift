import InflowCore
import InflowEnrich
import InflowStore

/// The thread index as one job sees it: what the catalog knew before the job, plus what the
/// job has assigned so far, kept apart until the job commits.
///
/// Besides message-to-thread links it keeps each email's thread, date and direction, from
/// which responses are settled once every email of the job is known.
final class ThreadIndex: ThreadLookup {
    private let catalog: Catalog

    /// Opens the job's pending tables in SQLite's temporary database.
    init(catalog: Catalog) throws {
        self.catalog = catalog
        try catalog.database.execute(
            """
            DROP TABLE IF EXISTS temp.threads_pending;
            CREATE TABLE temp.threads_pending(message_id TEXT PRIMARY KEY, thread_id TEXT NOT NULL);
            DROP TABLE IF EXISTS temp.thread_emails_pending;
            CREATE TABLE temp.thread_emails_pending(
                key TEXT PRIMARY KEY, thread_id TEXT NOT NULL, date INTEGER, direction TEXT NOT NULL);
            DROP TABLE IF EXISTS temp.responses;
            CREATE TABLE temp.responses(key TEXT PRIMARY KEY, response_ms INTEGER, old INTEGER NOT NULL);
            """)
    }

    func threadId(ofMessage messageId: String) throws -> String? {
        let pending = try catalog.database.query(
            "SELECT thread_id FROM temp.threads_pending WHERE message_id = ?1", [.text(messageId)])
        if let known = pending.first?.first?.text { return known }
        return try catalog.threadId(ofMessage: messageId)
    }

    /// Records an enriched email: its message's thread for later lookups, and its thread, date
    /// and direction for responses.
    func record(_ email: EmailRecord, direction: Direction) throws {
        guard let thread = email.threadId else { return }
        if let messageId = email.messageId {
            try catalog.database.query(
                "INSERT OR REPLACE INTO temp.threads_pending VALUES (?1, ?2)",
                [.text(messageId), .text(thread)])
        }
        try catalog.database.query(
            "INSERT OR REPLACE INTO temp.thread_emails_pending VALUES (?1, ?2, ?3, ?4)",
            [
                .text(email.id), .text(thread), email.partitionDate.map { .integer($0.millis) } ?? .null,
                .text(direction.rawValue),
            ])
    }

    /// Settles responses: for every inbound email in a thread this job touched, the delay to the
    /// first later outbound email of the thread, from this job or any earlier one.
    ///
    /// - Returns: The keys of emails loaded by earlier jobs whose response changed; their rows
    ///   must be loaded again with the new values.
    func settleResponses() throws -> [String] {
        let database = catalog.database
        try database.execute(
            """
            DROP TABLE IF EXISTS temp.thread_emails_all;
            CREATE TABLE temp.thread_emails_all AS
                SELECT key, thread_id, date, direction, 0 AS old FROM temp.thread_emails_pending
                UNION ALL
                SELECT key, thread_id, date, direction, 1 FROM main.thread_emails
                WHERE thread_id IN (SELECT thread_id FROM temp.thread_emails_pending)
                  AND key NOT IN (SELECT key FROM temp.thread_emails_pending);
            CREATE INDEX temp.thread_emails_all_thread ON thread_emails_all(thread_id, direction);
            DELETE FROM temp.responses;
            INSERT INTO temp.responses
                SELECT i.key, MIN(o.date) - i.date, i.old FROM temp.thread_emails_all i
                LEFT JOIN temp.thread_emails_all o ON o.thread_id = i.thread_id
                    AND o.direction = 'outbound' AND o.date > i.date
                WHERE i.direction = 'inbound' AND i.date IS NOT NULL
                GROUP BY i.key;
            """)
        return try database.query(
            """
            SELECT r.key FROM temp.responses r JOIN main.thread_emails t ON t.key = r.key
            WHERE r.old = 1 AND r.response_ms IS NOT t.response_ms ORDER BY r.key
            """
        ).compactMap { $0.first?.text }
    }

    /// The settled response of an inbound email: whether it was answered and after how many
    /// seconds; nil for emails that are not inbound or have no date.
    func response(of key: String) throws -> (responded: Bool, seconds: Int64?)? {
        guard let row = try catalog.database.query(
            "SELECT response_ms FROM temp.responses WHERE key = ?1", [.text(key)]
        ).first else { return nil }
        let millis = row[0].integer
        return (millis != nil, millis.map { $0 / 1000 })
    }

    /// Moves the pending entries and settled responses into the catalog; call inside the commit
    /// transaction.
    func commit() throws {
        try catalog.database.execute(
            """
            INSERT OR REPLACE INTO threads SELECT * FROM temp.threads_pending;
            INSERT OR REPLACE INTO thread_emails(key, thread_id, date, direction)
                SELECT key, thread_id, date, direction FROM temp.thread_emails_pending;
            UPDATE thread_emails SET response_ms =
                (SELECT r.response_ms FROM temp.responses r WHERE r.key = thread_emails.key)
                WHERE key IN (SELECT key FROM temp.responses);
            """)
    }
}
