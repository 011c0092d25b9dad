import InflowCore
import InflowStore

/// Reads given rows back from a table's current snapshot, for reloading them with new values.
struct TableRows {
    let layout: Layout
    let catalog: Catalog

    /// Calls `body` with each current row whose key is in `keys`, reading only the partitions
    /// the catalog says hold them.
    ///
    /// - Complexity: One pass over each partition that holds a wanted key; memory holds the keys.
    func forEach(of dataType: DataType, keys: Set<String>, _ body: (JSONObject) throws -> Void) throws {
        guard !keys.isEmpty else { return }
        var months = Set<String>()
        for key in keys {
            let rows = try catalog.database.query(
                "SELECT month FROM items WHERE data_type = ?1 AND key = ?2",
                [.text(dataType.rawValue), .text(key)])
            if let month = rows.first?.first?.text { months.insert(month) }
        }
        let snapshot = try catalog.currentSnapshot(dataType)
        let partitions = try Tables(layout: layout).partitions(dataType, snapshot: snapshot)
        for month in months.sorted() {
            for file in partitions[month] ?? [] {
                let reader = try JSONLinesReader(path: file)
                while let row = try reader.next()?.objectValue {
                    if let key = row.string("id"), keys.contains(key) { try body(row) }
                }
            }
        }
    }
}
