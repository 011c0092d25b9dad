public import InflowCore
internal import InflowDigest
public import InflowStore

/// Loads one data type's enriched records into its table as a new snapshot.
///
/// Records are staged in a temporary SQLite table as they stream in (so memory does not grow
/// with the job), classified against the catalog's key index as added, updated or unchanged,
/// and only the partitions that change are rewritten; the others are hard-linked into the new
/// snapshot. Nothing becomes visible until the caller commits the catalog and publishes the
/// snapshot link.
public final class TableLoader {
    public let dataType: DataType
    private let catalog: Catalog
    private let tables: Tables
    private let jobId: String
    private let now: Timestamp
    /// The temporary table the records are staged in, for callers that join their own tables
    /// with the keys this load changes (status `added`, `updated`, `unchanged`, `deleted`).
    public let stageTable: String
    private var sequence: Int64 = 0
    private var duplicates: [SourceName: Int] = [:]
    /// Repeated keys by source and the UTC day of the copy that lost, for the ledger.
    private var duplicateDays: [SourceName: [String: Int]] = [:]
    /// The UTC day of each staged key, to place a repeated key's earlier copy in the ledger.
    private var stagedDays: [String: String] = [:]
    /// The source of each key staged so far, to count repeated keys without a query; it grows
    /// with the number of distinct keys in the job, not with their size.
    private var stagedSources: [String: SourceName] = [:]

    /// The record schema version written into every row's lineage.
    public static let schemaVersion = 1

    /// Prepares a loader; the staging table lives in SQLite's temporary database.
    public init(catalog: Catalog, tables: Tables, dataType: DataType, jobId: String, now: Timestamp)
        throws
    {
        self.catalog = catalog
        self.tables = tables
        self.dataType = dataType
        self.jobId = jobId
        self.now = now
        stageTable = "temp.stage_\(dataType.rawValue)"
        try catalog.database.execute(
            """
            DROP TABLE IF EXISTS \(stageTable);
            CREATE TABLE \(stageTable)(key TEXT PRIMARY KEY, seq INTEGER NOT NULL,
                source TEXT NOT NULL, hash TEXT NOT NULL, item_date INTEGER, raw_sha TEXT NOT NULL,
                line BLOB NOT NULL, status TEXT, month TEXT, first_seen INTEGER);
            DROP TABLE IF EXISTS \(stageTable)_raw;
            CREATE TABLE \(stageTable)_raw(sha256 TEXT PRIMARY KEY, key TEXT NOT NULL);
            """)
    }

    /// The keys a content hash leaves out: where an item was read and what the table adds.
    static let notContent: Set = ["origin", "lineage", "deletedAt"]

    /// The content hash of a record: SHA-256 of its serialisation without `origin`, `lineage`
    /// and `deletedAt`, so that the same content read from another file is unchanged.
    public static func contentHash(of record: JSONObject) -> String {
        var content = record
        for key in notContent {
            content[key] = nil
        }
        return SHA256.hex(JSON.object(content).serialized())
    }

    /// Stages one record in input order; a later record with the same key replaces the earlier,
    /// which then counts as unchanged.
    public func stage(_ record: JSONObject, date: Timestamp?) throws {
        guard let fields = JSONFields(JSON.object(record).serialized()) else { return }
        try stage(fields, date: date)
    }

    /// Stages one record given as the compact JSON line Inflow wrote, without decoding more
    /// of it than its key, source and origin.
    ///
    /// - Parameters:
    ///   - record: The enriched record's fields, with `id`, `source` and `origin`.
    ///   - date: The item's own date, which picks its partition; nil to use first-seen time.
    public func stage(_ record: JSONFields, date: Timestamp?) throws {
        guard let key = record.string("id"), let origin = Origin(json: record["origin"]),
            let source = record.string("source").flatMap(SourceName.init(rawValue:))
        else {
            throw StoreError(.corrupt, path: "", "a \(dataType.recordType) record lacks id, source or origin")
        }
        sequence += 1
        let day = date?.dayString ?? Ledger.undated
        if let previous = stagedSources.updateValue(source, forKey: key) {
            duplicates[previous, default: 0] += 1
            duplicateDays[previous, default: [:]][stagedDays[key] ?? Ledger.undated, default: 0] += 1
        }
        stagedDays[key] = day
        let hash = SHA256.hex(record.removing(TableLoader.notContent))
        let database = catalog.database
        try database.query(
            "INSERT OR REPLACE INTO \(stageTable)(key, seq, source, hash, item_date, raw_sha, line) "
                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            [
                .text(key), .integer(sequence), .text(source.rawValue), .text(hash),
                date.map { .integer($0.millis) } ?? .null, .text(origin.sha256),
                .blob(record.removing(["lineage", "deletedAt"])),
            ])
        try database.query(
            "INSERT OR REPLACE INTO \(stageTable)_raw VALUES (?1, ?2)", [.text(origin.sha256), .text(key)])
    }

    /// Marks every live row of `source` that this load did not stage as deleted: for a full
    /// sync of a source whose inputs were all read, those items are gone from its inputs.
    /// Call after staging everything and before `prepare`.
    ///
    /// - Returns: How many rows get a tombstone.
    public func tombstoneUnseen(source: SourceName) throws -> Int {
        try catalog.database.query(
            """
            INSERT INTO \(stageTable)(key, seq, source, hash, item_date, raw_sha, line, status, month,
                first_seen)
            SELECT key, 0, source, content_hash, item_date, '', X'', 'deleted', month, first_seen_at
            FROM main.items WHERE data_type = ?1 AND source = ?2 AND deleted_at IS NULL
                AND key NOT IN (SELECT key FROM \(stageTable))
            """, [.text(dataType.rawValue), .text(source.rawValue)])
        return catalog.database.changes
    }

    /// Classifies the staged records, writes each source's load file and builds the next
    /// snapshot, all invisible until commit.
    ///
    /// - Parameter loadFile: The load-stage file path for a source.
    /// - Returns: The counts per source and the snapshot built (nil when nothing changed).
    public func prepare(loadFile: (SourceName) -> String) throws -> LoadPlan {
        try classify()
        let counts = try countsBySource()
        try writeLoadFiles(loadFile)

        let current = try catalog.currentSnapshot(dataType)
        let changed = counts.values.reduce(0) { $0 + $1.added + $1.updated + $1.deleted }
        guard changed > 0 || current == 0 && sequence > 0 else {
            return LoadPlan(dataType: dataType, counts: counts, snapshot: nil)
        }
        let next = current + 1
        try buildSnapshot(from: current, to: next)
        return LoadPlan(dataType: dataType, counts: counts, snapshot: next)
    }

    /// What this load did by source and by the UTC day of each item: added, updated,
    /// unchanged (repeated keys included) and tombstoned. Call after `prepare`.
    public func ledger() throws -> [SourceName: [String: Ledger.Row]] {
        var result: [SourceName: [String: Ledger.Row]] = [:]
        for row in try catalog.database.query(
            """
            SELECT source, COALESCE(strftime('%Y-%m-%d', item_date / 1000, 'unixepoch'), ?1), status, COUNT(*)
            FROM \(stageTable) GROUP BY 1, 2, 3
            """, [.text(Ledger.undated)])
        {
            guard let source = row[0].text.flatMap(SourceName.init(rawValue:)), let day = row[1].text else {
                continue
            }
            let count = Int(row[3].integer ?? 0)
            switch row[2].text {
            case "added": result[source, default: [:]][day, default: Ledger.Row()].added += count
            case "updated": result[source, default: [:]][day, default: Ledger.Row()].updated += count
            case "deleted": result[source, default: [:]][day, default: Ledger.Row()].deleted += count
            default: result[source, default: [:]][day, default: Ledger.Row()].unchanged += count
            }
        }
        for (source, days) in duplicateDays {
            for (day, count) in days {
                result[source, default: [:]][day, default: Ledger.Row()].unchanged += count
            }
        }
        return result
    }

    /// Applies the plan to the key index; call inside the commit transaction.
    public func commit(_ plan: LoadPlan) throws {
        let database = catalog.database
        try database.query(
            """
            INSERT OR REPLACE INTO items(data_type, key, source, content_hash, month, item_date,
                first_seen_at, updated_at, job_id, deleted_at)
            SELECT ?1, key, source, hash, month, item_date, first_seen, ?2, ?3, NULL
            FROM \(stageTable) WHERE status IN ('added', 'updated')
            """, [.text(dataType.rawValue), .integer(now.millis), .text(jobId)])
        try database.query(
            "INSERT OR REPLACE INTO raw_items SELECT sha256, ?1, key FROM \(stageTable)_raw",
            [.text(dataType.rawValue)])

        // A tombstoned item's raw bytes no longer count as loaded, so that a quick sync that
        // finds them again brings the row back.
        try database.query(
            """
            UPDATE items SET deleted_at = ?2, updated_at = ?2, job_id = ?3
            WHERE data_type = ?1 AND key IN (SELECT key FROM \(stageTable) WHERE status = 'deleted')
            """, [.text(dataType.rawValue), .integer(now.millis), .text(jobId)])
        try database.query(
            """
            DELETE FROM raw_items
            WHERE data_type = ?1 AND key IN (SELECT key FROM \(stageTable) WHERE status = 'deleted')
            """, [.text(dataType.rawValue)])
        if let snapshot = plan.snapshot { try catalog.setSnapshot(dataType, number: snapshot) }
    }

    // MARK: Steps

    private func classify() throws {
        let database = catalog.database
        let type = SQLiteDatabase.Value.text(dataType.rawValue)
        try database.query(
            """
            UPDATE \(stageTable) SET
                status = CASE
                    WHEN i.content_hash = \(stageTable).hash AND i.deleted_at IS NULL THEN 'unchanged'
                    ELSE 'updated' END,
                first_seen = i.first_seen_at
            FROM (SELECT key, content_hash, deleted_at, first_seen_at FROM main.items
                  WHERE data_type = ?1) AS i
            WHERE i.key = \(stageTable).key AND \(stageTable).status IS NULL
            """, [type])
        try database.query(
            "UPDATE \(stageTable) SET status = 'added', first_seen = ?1 WHERE status IS NULL",
            [.integer(now.millis)])
        try database.query(
            """
            UPDATE \(stageTable) SET month =
                strftime('%Y-%m', COALESCE(item_date, first_seen) / 1000, 'unixepoch')
            WHERE status != 'deleted'
            """)

        // Partitions are written one month at a time; without this index each month would
        // scan every staged row, records and all.
        try database.execute(
            "CREATE INDEX IF NOT EXISTS \(stageTable)_month ON \(stageTable.split(separator: ".").last!)(month, seq)")
    }

    private func countsBySource() throws -> [SourceName: ItemCounts] {
        var counts: [SourceName: ItemCounts] = [:]
        for row in try catalog.database.query(
            "SELECT source, status, COUNT(*) FROM \(stageTable) GROUP BY source, status")
        {
            guard let source = row[0].text.flatMap(SourceName.init(rawValue:)) else { continue }
            let count = Int(row[2].integer ?? 0)
            switch row[1].text {
            case "added": counts[source, default: ItemCounts()].added += count
            case "updated": counts[source, default: ItemCounts()].updated += count
            case "deleted": counts[source, default: ItemCounts()].deleted += count
            default: counts[source, default: ItemCounts()].unchanged += count
            }
        }
        for (source, count) in duplicates {
            counts[source, default: ItemCounts()].unchanged += count
        }
        return counts
    }

    /// A changed row as the table stores it: the staged record with `lineage` and `deletedAt`
    /// appended, spliced in before the closing brace so the record is not parsed again.
    private func tableRow(line: [UInt8], hash: String, firstSeen: Int64) throws -> [UInt8] {
        guard line.first == UInt8(ascii: "{"), line.last == UInt8(ascii: "}") else {
            throw StoreError(.corrupt, path: "", "a staged record is not an object")
        }
        let lineage = JSON.object(JSONObject([
            ("jobId", .string(jobId)),
            ("firstSeenAt", .string(Timestamp(millis: firstSeen).iso8601)),
            ("updatedAt", .string(now.iso8601)), ("contentHash", .string(hash)),
            ("schemaVersion", .int(Int64(TableLoader.schemaVersion))),
        ]))
        var row = line
        row.removeLast()
        row.append(contentsOf: #","lineage":"#.utf8)
        lineage.write(to: &row)
        row.append(contentsOf: #","deletedAt":null}"#.utf8)
        return row
    }

    /// A table row with `deletedAt` set to now and its lineage saying this job changed it.
    private func tombstoned(_ line: ArraySlice<UInt8>, file: String) throws -> [UInt8] {
        guard var row = try JSON.parse(line).objectValue, var lineage = row.object("lineage") else {
            throw StoreError(.corrupt, path: file, "a row to tombstone is not a table row")
        }
        lineage["jobId"] = .string(jobId)
        lineage["updatedAt"] = .string(now.iso8601)
        row["lineage"] = .object(lineage)
        row["deletedAt"] = .string(now.iso8601)
        return JSON.object(row).serialized()
    }

    private func changedRows(where condition: String, _ parameters: [SQLiteDatabase.Value],
                             _ body: ([UInt8]) throws -> Void) throws
    {
        try catalog.database.each(
            """
            SELECT line, hash, first_seen FROM \(stageTable)
            WHERE status IN ('added', 'updated') AND \(condition) ORDER BY seq
            """, parameters
        ) { row in
            try body(try tableRow(line: row[0].blob ?? [], hash: row[1].text ?? "",
                                  firstSeen: row[2].integer ?? now.millis))
        }
    }

    /// Writes what this load changes per source: each added or updated record with `change`
    /// set, and `{id, type, source, change: "deleted"}` for each tombstone. Lineage is left to
    /// the tables, so the same inputs give the same load file in any job.
    private func writeLoadFiles(_ loadFile: (SourceName) -> String) throws {
        let sources = try catalog.database.query("SELECT DISTINCT source FROM \(stageTable)")
            .compactMap { $0.first?.text.flatMap(SourceName.init(rawValue:)) }
        for source in sources.sorted() {
            let writer = try JSONLinesWriter(path: loadFile(source))
            try catalog.database.each(
                """
                SELECT key, status, line FROM \(stageTable)
                WHERE status IN ('added', 'updated', 'deleted') AND source = ?1 ORDER BY seq, key
                """, [.text(source.rawValue)]
            ) { row in
                let status = row[1].text ?? ""
                if status == "deleted" {
                    try writer.write(.object(JSONObject([
                        ("id", .string(row[0].text ?? "")), ("type", .string(dataType.recordType)),
                        ("source", .string(source.rawValue)), ("change", .string(status)),
                    ])))
                } else if let record = JSONFields(row[2].blob ?? []) {
                    try writer.writeLine(record.replacing(["change": .string(status)])[...])
                }
            }
            try writer.commit()
        }
    }

    private func buildSnapshot(from current: Int, to next: Int) throws {
        let old = try tables.partitions(dataType, snapshot: current)
        let database = catalog.database
        var touched = Set(try database.query(
            "SELECT DISTINCT month FROM \(stageTable) WHERE status IN ('added', 'updated', 'deleted')"
        ).compactMap { $0.first?.text })
        for row in try database.query(
            """
            SELECT DISTINCT i.month FROM main.items i JOIN \(stageTable) s ON s.key = i.key
            WHERE i.data_type = ?1 AND s.status = 'updated'
            """, [.text(dataType.rawValue)])
        {
            if let month = row.first?.text { touched.insert(month) }
        }

        let target = tables.layout.snapshotDir(dataType, number: next)
        try FileSystem.removeTree(target)
        try FileSystem.makeDirectories(target)
        for (month, files) in old where !touched.contains(month) {
            for file in files {
                let destination = target + "/month=\(month)/" + Path.basename(file)
                try FileSystem.makeDirectories(Path.directory(of: destination))
                try FileSystem.hardLink(file, at: destination)
            }
        }
        for month in touched.sorted() {
            try rewritePartition(month: month, oldFiles: old[month] ?? [], snapshot: next)
        }
    }

    private func rewritePartition(month: String, oldFiles: [String], snapshot: Int) throws {
        let writer = try JSONLinesWriter(
            path: tables.partFile(dataType, snapshot: snapshot, month: month), background: false)
        for file in oldFiles {
            let reader = try JSONLinesReader(path: file)
            while let line = try reader.nextLine() {
                guard let key = TableLoader.leadingID(line) else {
                    throw StoreError(.corrupt, path: file, "line \(reader.lineNumber) has no leading id")
                }
                let status = try catalog.database.query(
                    "SELECT status FROM \(stageTable) WHERE key = ?1", [.text(key)]
                ).first?.first?.text
                switch status {
                case "added", "updated": continue
                case "deleted": try writer.writeLine(try tombstoned(line, file: file)[...])
                default: try writer.writeLine(line)
                }
            }
        }
        try changedRows(where: "month = ?1", [.text(month)]) { row in
            try writer.writeLine(row[...])
        }
        if writer.count > 0 {
            try writer.commit()
        } else {
            writer.discard()
            try FileSystem.removeTree(Path.directory(of: writer.path))
        }
    }

    /// The `id` of a table row, read from the front of the line without parsing the rest:
    /// every row Inflow writes starts with `{"id":`.
    static func leadingID(_ line: ArraySlice<UInt8>) -> String? {
        let prefix = Array(#"{"id":""#.utf8)
        guard line.starts(with: prefix) else { return nil }
        let open = line.startIndex + prefix.count - 1
        var index = open + 1
        var escaped = false
        while index < line.endIndex, line[index] != UInt8(ascii: "\"") {
            if line[index] == UInt8(ascii: "\\") {
                escaped = true
                index += 1
            }
            index += 1
        }
        guard index < line.endIndex else { return nil }
        if !escaped { return String(decoding: line[(open + 1)..<index], as: UTF8.self) }
        return (try? JSON.parse(line[open...index]))?.stringValue
    }
}

/// What a load prepared for one data type: counts per source and the snapshot to publish.
public struct LoadPlan: Sendable {
    public let dataType: DataType
    public let counts: [SourceName: ItemCounts]
    /// The snapshot number built, or nil when the table did not change.
    public let snapshot: Int?
}
