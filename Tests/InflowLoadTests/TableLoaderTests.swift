import InflowCore
@testable import InflowLoad
import InflowStore
import Testing

@Suite struct TableLoaderTests {
    let folder = TemporaryDirectory()

    private var layout: Layout {
        Layout(dataDir: folder.path + "/data", reportsDir: folder.path + "/reports",
               workspace: try! WorkspaceID("example.com"))
    }

    private func record(_ id: String, subject: String, date: String?, sha: String) -> JSONObject {
        JSONObject([
            ("id", .string(id)), ("type", .string("email")), ("source", .string("google")),
            ("origin", Origin(file: "/in/a.mbox", offset: 0, sha256: sha).json),
            ("date", JSON(date)), ("subject", .string(subject)),
        ])
    }

    /// Stages records, prepares and commits one load the way a job does.
    private func load(_ records: [JSONObject], catalog: Catalog, job: String, now: Int64) throws -> LoadPlan {
        let loader = try TableLoader(catalog: catalog, tables: Tables(layout: layout), dataType: .emails,
                                     jobId: job, now: Timestamp(seconds: now))
        for record in records {
            try loader.stage(record, date: record.timestamp("date"))
        }
        let plan = try loader.prepare { layout.workspaceDir + "/runs/\(job)/load/\($0.rawValue)/emails.jsonl.zst" }
        try catalog.database.transaction { try loader.commit(plan) }
        if let snapshot = plan.snapshot { try Tables(layout: layout).publish(.emails, snapshot: snapshot) }
        return plan
    }

    private func tableRows() throws -> [String: [String]] {
        var rows: [String: [String]] = [:]
        let link = layout.tableLink(.emails)
        for month in try FileSystem.list(link) {
            for file in try FileSystem.list(link + "/" + month) {
                let reader = try JSONLinesReader(path: link + "/" + month + "/" + file)
                while let value = try reader.next() {
                    let object = try #require(value.objectValue)
                    rows[month, default: []].append("\(object.string("id")!):\(object.string("subject")!)")
                }
            }
        }
        return rows
    }

    @Test func classifiesAddsUpdatesAndUnchangedAcrossLoads() throws {
        let catalog = try Catalog(path: layout.catalogPath)
        let first = try load([
            record("a", subject: "one", date: "2026-01-05T09:00:00Z", sha: "1"),
            record("b", subject: "two", date: "2025-12-24T10:00:00Z", sha: "2"),
            record("a", subject: "one again", date: "2026-01-05T09:00:00Z", sha: "3"),
        ], catalog: catalog, job: "j1", now: 1_767_700_000)
        #expect(first.counts[.google] == ItemCounts(added: 2, updated: 0, unchanged: 1, skipped: 0))
        #expect(first.snapshot == 1)
        #expect(try tableRows() == ["month=2026-01": ["a:one again"], "month=2025-12": ["b:two"]])

        let second = try load([
            record("b", subject: "two", date: "2025-12-24T10:00:00Z", sha: "2"),
            record("a", subject: "moved", date: "2025-11-02T08:00:00Z", sha: "4"),
        ], catalog: catalog, job: "j2", now: 1_767_800_000)
        #expect(second.counts[.google] == ItemCounts(added: 0, updated: 1, unchanged: 1, skipped: 0))
        #expect(try tableRows() == ["month=2025-11": ["a:moved"], "month=2025-12": ["b:two"]])
        #expect(FileSystem.readLink(layout.tableLink(.emails)) == ".snapshots/emails/2")
        #expect(try catalog.isRawLoaded("4"))
        #expect(try catalog.isRawLoaded("3"))
    }

    @Test func keepsFirstSeenAndHardLinksUntouchedPartitions() throws {
        let catalog = try Catalog(path: layout.catalogPath)
        _ = try load([
            record("a", subject: "one", date: "2026-01-05T09:00:00Z", sha: "1"),
            record("n", subject: "undated", date: nil, sha: "2"),
        ], catalog: catalog, job: "j1", now: 1_764_600_000)
        _ = try load([record("a", subject: "edited", date: "2026-01-05T09:00:00Z", sha: "5")],
                     catalog: catalog, job: "j2", now: 1_767_800_000)

        // The undated row stays in the month it was first seen (2025-12), and that partition's
        // file is shared between snapshots 1 and 2.
        let old = layout.snapshotDir(.emails, number: 1) + "/month=2025-12/part-00000.jsonl.zst"
        let new = layout.snapshotDir(.emails, number: 2) + "/month=2025-12/part-00000.jsonl.zst"
        #expect(try FileSystem.read(old) == FileSystem.read(new))
        let reader = try JSONLinesReader(path: layout.tableLink(.emails) + "/month=2026-01/part-00000.jsonl.zst")
        let row = try #require(try reader.next()?.objectValue)
        let lineage = try #require(row.object("lineage"))
        #expect(lineage.string("firstSeenAt") == "2025-12-01T14:40:00Z")
        #expect(lineage.string("updatedAt") == "2026-01-07T15:33:20Z")
        #expect(lineage.string("jobId") == "j2")
        #expect(row["deletedAt"] == .null)
    }

    @Test func contentHashIgnoresOriginAndLineage() {
        var one = record("a", subject: "s", date: nil, sha: "1")
        let two = record("a", subject: "s", date: nil, sha: "2")
        #expect(TableLoader.contentHash(of: one) == TableLoader.contentHash(of: two))
        one["subject"] = .string("t")
        #expect(TableLoader.contentHash(of: one) != TableLoader.contentHash(of: two))
    }

    @Test func unchangedLoadBuildsNoSnapshot() throws {
        let catalog = try Catalog(path: layout.catalogPath)
        let rows = [record("a", subject: "one", date: "2026-01-05T09:00:00Z", sha: "1")]
        _ = try load(rows, catalog: catalog, job: "j1", now: 1_767_700_000)
        let again = try load(rows, catalog: catalog, job: "j2", now: 1_767_800_000)
        #expect(again.snapshot == nil)
        #expect(again.counts[.google] == ItemCounts(added: 0, updated: 0, unchanged: 1, skipped: 0))
    }
}

@Suite struct LeadingIDTests {
    @Test(arguments: [
        (#"{"id":"m1@example.com","type":"email"}"#, "m1@example.com"),
        (#"{"id":"a\"b\\c","x":1}"#, "a\"b\\c"),
        (#"{"type":"email","id":"x"}"#, nil),
        (#"{"id":"unterminated"#, nil),
    ] as [(String, String?)])
    func readsTheIdAtTheFrontOfARow(line: String, expected: String?) {
        #expect(TableLoader.leadingID(Array(line.utf8)[...]) == expected)
    }
}
