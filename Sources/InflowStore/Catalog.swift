public import InflowCore

/// A workspace's catalog: jobs and their per-source results, input fingerprints, the key index
/// of every loaded item, the thread index, and the current table snapshots.
///
/// Everything that must be known across items and across jobs lives here, so no stage needs to
/// see the whole input in one process.
public final class Catalog {
    /// The connection; load and report run their own SQL over the schema below.
    public let database: SQLiteDatabase

    /// The catalog's schema version, kept in `meta` for later migrations.
    public static let schemaVersion = 1

    /// Opens or creates the catalog at `path`.
    public init(path: String) throws {
        try FileSystem.makeDirectories(Path.directory(of: path))
        database = try SQLiteDatabase(path: path)
        try database.execute(Catalog.schema)
    }

    private static let schema = """
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT OR IGNORE INTO meta VALUES ('schemaVersion', '1'), ('fence', '0');
        CREATE TABLE IF NOT EXISTS jobs(
            job_id TEXT PRIMARY KEY, kind TEXT NOT NULL, sync_type TEXT NOT NULL,
            status TEXT NOT NULL, sources TEXT NOT NULL, triggered_by TEXT NOT NULL,
            started_at INTEGER NOT NULL, completed_at INTEGER, pid INTEGER NOT NULL,
            fence INTEGER NOT NULL, progress INTEGER NOT NULL, error TEXT, run_dir TEXT NOT NULL,
            seq INTEGER NOT NULL, cancel_requested INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS job_sources(
            job_id TEXT NOT NULL, source TEXT NOT NULL, status TEXT NOT NULL,
            started_at INTEGER, completed_at INTEGER, added INTEGER NOT NULL,
            updated INTEGER NOT NULL, unchanged INTEGER NOT NULL, skipped INTEGER NOT NULL,
            total_items INTEGER, errors TEXT NOT NULL, seen INTEGER NOT NULL DEFAULT 0,
            deleted INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY(job_id, source));
        CREATE TABLE IF NOT EXISTS inputs(
            source TEXT NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL,
            sha256 TEXT NOT NULL, job_id TEXT NOT NULL, PRIMARY KEY(source, path));
        CREATE TABLE IF NOT EXISTS items(
            data_type TEXT NOT NULL, key TEXT NOT NULL, source TEXT NOT NULL,
            content_hash TEXT NOT NULL, month TEXT NOT NULL, item_date INTEGER,
            first_seen_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, job_id TEXT NOT NULL,
            deleted_at INTEGER, PRIMARY KEY(data_type, key));
        CREATE TABLE IF NOT EXISTS raw_items(
            sha256 TEXT PRIMARY KEY, data_type TEXT NOT NULL, key TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS threads(message_id TEXT PRIMARY KEY, thread_id TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS thread_emails(
            key TEXT PRIMARY KEY, thread_id TEXT NOT NULL, date INTEGER, direction TEXT NOT NULL,
            response_ms INTEGER);
        CREATE INDEX IF NOT EXISTS thread_emails_thread ON thread_emails(thread_id);
        CREATE TABLE IF NOT EXISTS email_facts(
            key TEXT PRIMARY KEY, day TEXT, direction TEXT NOT NULL, opened INTEGER,
            responded INTEGER, score REAL, client_id TEXT, client_name TEXT);
        CREATE INDEX IF NOT EXISTS email_facts_day ON email_facts(day);
        CREATE TABLE IF NOT EXISTS snapshots(data_type TEXT PRIMARY KEY, current INTEGER NOT NULL);
        """

    // MARK: Fencing

    /// Takes the next fencing number; the job that holds it is the only one allowed to commit.
    public func takeFence() throws -> Int64 {
        try database.transaction {
            try database.query("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'fence'")
            return try currentFence()
        }
    }

    /// The fencing number of the job allowed to commit now.
    public func currentFence() throws -> Int64 {
        let rows = try database.query("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'fence'")
        return rows.first?.first?.integer ?? 0
    }

    /// Throws `.fenced` unless `fence` is still the current fencing number.
    public func checkFence(_ fence: Int64, jobId: String) throws {
        let current = try currentFence()
        guard current == fence else {
            throw StoreError(
                .fenced, path: database.path,
                "job \(jobId) lost the workspace lock (fence \(fence), now \(current)); not committing")
        }
    }

    // MARK: Jobs

    /// Inserts or replaces a job.
    public func save(_ job: JobRecord) throws {
        try database.query(
            """
            INSERT INTO jobs VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
                COALESCE((SELECT seq FROM jobs WHERE job_id = ?1),
                         (SELECT COALESCE(MAX(seq), 0) + 1 FROM jobs)), 0)
            ON CONFLICT(job_id) DO UPDATE SET status = ?4, completed_at = ?8, progress = ?11,
                error = ?12, pid = ?9, fence = ?10, started_at = ?7, run_dir = ?13
            """,
            [
                .text(job.jobId), .text(job.kind.rawValue), .text(job.syncType.rawValue),
                .text(job.status.rawValue), .text(job.sources.map(\.rawValue).joined(separator: ",")),
                .text(job.triggeredBy), .integer(job.startedAt.millis),
                job.completedAt.map { .integer($0.millis) } ?? .null, .integer(Int64(job.pid)),
                .integer(job.fence), .integer(Int64(job.progress)), job.error.map { .text($0) } ?? .null,
                .text(job.runDir),
            ])
    }

    /// The job with this id, or nil.
    public func job(_ jobId: String) throws -> JobRecord? {
        try jobs(where: "job_id = ?1", [.text(jobId)], limit: 1).first
    }

    /// Jobs newest first, optionally only those in `statuses`.
    public func jobs(statuses: [JobStatus]? = nil, limit: Int = 100) throws -> [JobRecord] {
        guard let statuses else { return try jobs(where: "1", [], limit: limit) }
        let list = statuses.map { "'\($0.rawValue)'" }.joined(separator: ",")
        return try jobs(where: "status IN (\(list))", [], limit: limit)
    }

    private func jobs(where condition: String, _ parameters: [SQLiteDatabase.Value], limit: Int)
        throws -> [JobRecord]
    {
        let sql = """
            SELECT job_id, kind, sync_type, status, sources, triggered_by, started_at, completed_at,
                pid, fence, progress, error, run_dir FROM jobs WHERE \(condition)
            ORDER BY seq DESC LIMIT \(limit)
            """
        return try database.query(sql, parameters).map { row in
            var job = JobRecord(
                jobId: row[0].text ?? "", kind: JobKind(rawValue: row[1].text ?? "") ?? .sync,
                syncType: SyncType(rawValue: row[2].text ?? "") ?? .quick,
                status: JobStatus(rawValue: row[3].text ?? "") ?? .failed,
                sources: (row[4].text ?? "").split(separator: ",").compactMap {
                    SourceName(rawValue: String($0))
                },
                triggeredBy: row[5].text ?? "", startedAt: Timestamp(millis: row[6].integer ?? 0),
                pid: Int32(row[8].integer ?? 0), fence: row[9].integer ?? 0, runDir: row[12].text ?? "")
            job.completedAt = row[7].integer.map(Timestamp.init(millis:))
            job.progress = Int(row[10].integer ?? 0)
            job.error = row[11].text
            return job
        }
    }

    /// Asks a running job to stop at its next item boundary.
    public func requestCancel(_ jobId: String) throws {
        try database.query("UPDATE jobs SET cancel_requested = 1 WHERE job_id = ?1", [.text(jobId)])
    }

    /// True when someone asked the job to stop.
    public func isCancelRequested(_ jobId: String) throws -> Bool {
        try database.query("SELECT cancel_requested FROM jobs WHERE job_id = ?1", [.text(jobId)])
            .first?.first?.integer == 1
    }

    // MARK: Job sources

    /// Inserts or replaces one source's part of a job.
    public func save(_ record: JobSourceRecord) throws {
        let errors = JSON.array(record.errors.map(\.json)).text
        try database.query(
            "INSERT OR REPLACE INTO job_sources VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            [
                .text(record.jobId), .text(record.source.rawValue), .text(record.status),
                record.startedAt.map { .integer($0.millis) } ?? .null,
                record.completedAt.map { .integer($0.millis) } ?? .null,
                .integer(Int64(record.counts.added)), .integer(Int64(record.counts.updated)),
                .integer(Int64(record.counts.unchanged)), .integer(Int64(record.counts.skipped)),
                record.totalItems.map { .integer(Int64($0)) } ?? .null, .text(errors),
                .integer(Int64(record.itemsSeen)), .integer(Int64(record.counts.deleted)),
            ])
    }

    /// The per-source records of a job, by source name.
    public func sources(ofJob jobId: String) throws -> [JobSourceRecord] {
        let rows = try database.query(
            """
            SELECT source, status, started_at, completed_at, added, updated, unchanged, skipped,
                total_items, errors, seen, deleted FROM job_sources WHERE job_id = ?1 ORDER BY source
            """, [.text(jobId)])
        return rows.compactMap { row in
            guard let source = row[0].text.flatMap(SourceName.init(rawValue:)) else { return nil }
            var record = JobSourceRecord(jobId: jobId, source: source)
            record.status = row[1].text ?? "pending"
            record.startedAt = row[2].integer.map(Timestamp.init(millis:))
            record.completedAt = row[3].integer.map(Timestamp.init(millis:))
            record.counts = ItemCounts(
                added: Int(row[4].integer ?? 0), updated: Int(row[5].integer ?? 0),
                unchanged: Int(row[6].integer ?? 0), skipped: Int(row[7].integer ?? 0))
            record.totalItems = row[8].integer.map { Int($0) }
            let errors = (try? JSON.parse(row[9].text ?? "[]"))?.arrayValue ?? []
            record.errors = errors.compactMap(JobIssue.init(json:))
            record.itemsSeen = Int(row[10].integer ?? 0)
            record.counts.deleted = Int(row[11].integer ?? 0)
            return record
        }
    }

    /// When a source last completed a sync, or nil.
    public func lastSync(of source: SourceName) throws -> Timestamp? {
        let rows = try database.query(
            """
            SELECT MAX(s.completed_at) FROM job_sources s JOIN jobs j ON j.job_id = s.job_id
            WHERE s.source = ?1 AND s.status = 'completed' AND j.status = 'completed'
            """, [.text(source.rawValue)])
        return rows.first?.first?.integer.map(Timestamp.init(millis:))
    }

    // MARK: Inputs

    /// The fingerprint recorded for an input file by the last successful sync, or nil.
    public func fingerprint(source: SourceName, path: String) throws -> (size: Int64, sha256: String)? {
        let rows = try database.query(
            "SELECT size, sha256 FROM inputs WHERE source = ?1 AND path = ?2",
            [.text(source.rawValue), .text(path)])
        guard let row = rows.first, let size = row[0].integer, let sha = row[1].text else { return nil }
        return (size, sha)
    }

    /// Records an input file's fingerprint; call inside the commit transaction.
    public func recordFingerprint(source: SourceName, path: String, size: Int64, sha256: String, jobId: String)
        throws
    {
        try database.query(
            "INSERT OR REPLACE INTO inputs VALUES (?1, ?2, ?3, ?4, ?5)",
            [.text(source.rawValue), .text(path), .integer(size), .text(sha256), .text(jobId)])
    }

    /// Forgets the fingerprints of a source's files that are not in `paths`: files gone from
    /// its inputs must be read again if they come back.
    public func keepFingerprints(source: SourceName, paths: [String]) throws {
        try database.execute("DROP TABLE IF EXISTS temp.kept_inputs; CREATE TABLE temp.kept_inputs(path TEXT)")
        for path in paths {
            try database.query("INSERT INTO temp.kept_inputs VALUES (?1)", [.text(path)])
        }
        try database.query(
            "DELETE FROM inputs WHERE source = ?1 AND path NOT IN (SELECT path FROM temp.kept_inputs)",
            [.text(source.rawValue)])
    }

    // MARK: Items

    /// True when an item with these raw bytes is already loaded.
    public func isRawLoaded(_ sha256: String) throws -> Bool {
        try !database.query("SELECT 1 FROM raw_items WHERE sha256 = ?1", [.text(sha256)]).isEmpty
    }

    /// The number of live (not tombstoned) rows of a data type.
    public func itemCount(_ dataType: DataType) throws -> Int {
        let rows = try database.query(
            "SELECT COUNT(*) FROM items WHERE data_type = ?1 AND deleted_at IS NULL",
            [.text(dataType.rawValue)])
        return Int(rows.first?.first?.integer ?? 0)
    }

    // MARK: Threads

    /// The thread a message belongs to, when it was seen before.
    public func threadId(ofMessage messageId: String) throws -> String? {
        try database.query("SELECT thread_id FROM threads WHERE message_id = ?1", [.text(messageId)])
            .first?.first?.text
    }

    /// Records which thread a message belongs to.
    public func recordThread(messageId: String, threadId: String) throws {
        try database.query(
            "INSERT OR REPLACE INTO threads VALUES (?1, ?2)", [.text(messageId), .text(threadId)])
    }

    // MARK: Snapshots

    /// The current snapshot number of a table, 0 when it has none.
    public func currentSnapshot(_ dataType: DataType) throws -> Int {
        let rows = try database.query(
            "SELECT current FROM snapshots WHERE data_type = ?1", [.text(dataType.rawValue)])
        return Int(rows.first?.first?.integer ?? 0)
    }

    /// Every table with a snapshot, and its current number.
    public func currentSnapshots() throws -> [DataType: Int] {
        var result: [DataType: Int] = [:]
        for row in try database.query("SELECT data_type, current FROM snapshots") {
            if let type = row[0].text.flatMap(DataType.init(rawValue:)), let number = row[1].integer {
                result[type] = Int(number)
            }
        }
        return result
    }

    /// Records a table's new current snapshot; call inside the commit transaction.
    public func setSnapshot(_ dataType: DataType, number: Int) throws {
        try database.query(
            "INSERT OR REPLACE INTO snapshots VALUES (?1, ?2)",
            [.text(dataType.rawValue), .integer(Int64(number))])
    }
}
