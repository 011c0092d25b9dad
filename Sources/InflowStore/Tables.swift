public import InflowCore

/// The workspace's tables on disk: immutable snapshot folders, and for each table a symbolic
/// link to its current snapshot that is swapped with one rename.
public struct Tables: Sendable {
    public let layout: Layout

    /// Creates the view of one workspace's tables.
    public init(layout: Layout) {
        self.layout = layout
    }

    /// The partitions of a snapshot: month (`YYYY-MM`) to the part files in it, sorted.
    public func partitions(_ dataType: DataType, snapshot: Int) throws -> [String: [String]] {
        guard snapshot > 0 else { return [:] }
        let folder = layout.snapshotDir(dataType, number: snapshot)
        var result: [String: [String]] = [:]
        for name in try FileSystem.list(folder) where name.hasPrefix("month=") {
            let files = try FileSystem.list(folder + "/" + name).filter { $0.hasSuffix(".jsonl.zst") }
            result[String(name.dropFirst(6))] = files.map { folder + "/" + name + "/" + $0 }
        }
        return result
    }

    /// The path of a partition's part file in a snapshot being built.
    public func partFile(_ dataType: DataType, snapshot: Int, month: String) -> String {
        layout.snapshotDir(dataType, number: snapshot) + "/month=\(month)/part-00000.jsonl.zst"
    }

    /// Points `tables/<dataType>` at snapshot `number` with one atomic rename.
    public func publish(_ dataType: DataType, snapshot number: Int) throws {
        try FileSystem.makeDirectories(layout.tablesDir)
        let link = layout.tableLink(dataType)
        let target = ".snapshots/\(dataType.rawValue)/\(number)"
        if FileSystem.readLink(link) == target { return }
        let temporary = layout.tablesDir + "/.\(dataType.rawValue).link-\(FileSystem.processID)"
        try FileSystem.remove(temporary)
        try FileSystem.symlink(target, at: temporary)
        try FileSystem.rename(temporary, to: link)
        FileSystem.syncDirectory(layout.tablesDir)
    }

    /// Brings the links in line with the catalog after a crash, and removes snapshot folders a
    /// dead job built but never committed.
    public func recover(committed: [DataType: Int]) throws {
        for dataType in DataType.allCases {
            let current = committed[dataType] ?? 0
            if current > 0 { try publish(dataType, snapshot: current) }
            let folder = layout.snapshotsDir + "/" + dataType.rawValue
            guard FileSystem.isDirectory(folder) else { continue }
            for name in try FileSystem.list(folder) {
                if let number = Int(name), number > current {
                    try FileSystem.removeTree(folder + "/" + name)
                } else if Int(name) == nil {
                    try FileSystem.removeTree(folder + "/" + name)
                }
            }
        }
    }

    /// Removes snapshots older than the newest `keep` of each table.
    public func prune(committed: [DataType: Int], keep: Int) throws {
        for (dataType, current) in committed {
            let folder = layout.snapshotsDir + "/" + dataType.rawValue
            guard FileSystem.isDirectory(folder) else { continue }
            for name in try FileSystem.list(folder) {
                if let number = Int(name), number <= current - keep {
                    try FileSystem.removeTree(folder + "/" + name)
                }
            }
        }
    }
}
