public import InflowCore
public import InflowStore

/// Writes a workspace's report files from the catalog, each published atomically.
public enum ReportWriter {
    /// Writes `status.json`, `history.json` and `email-stats.json` under `reports/<workspace>/`.
    ///
    /// `history.json` holds every entry, so that the endpoint can cut any page from it.
    /// - Returns: The paths written.
    @discardableResult
    public static func writeAll(layout: Layout, catalog: Catalog, now: Timestamp) throws -> [String] {
        let folder = layout.workspaceReportsDir
        try FileSystem.makeDirectories(folder)
        let status = try StatusDocument.build(catalog: catalog, now: now)
        let everything = HistoryDocument.Query(limit: Int.max / 2)
        var history = try HistoryDocument.build(catalog: catalog, query: everything)
        if case .object(var object) = history, var page = object.object("pagination") {
            page["limit"] = page["total"]
            object["pagination"] = .object(page)
            history = .object(object)
        }
        let files = [
            (folder + "/status.json", status), (folder + "/history.json", history),
            (folder + "/email-stats.json", try EmailStatsDocument.rollups(catalog: catalog)),
        ]
        for (path, document) in files {
            try FileSystem.writeAtomically(Array((document.prettyText() + "\n").utf8), to: path)
        }
        return files.map(\.0)
    }
}
