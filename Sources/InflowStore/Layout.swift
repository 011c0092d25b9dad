public import InflowCore

/// Where a workspace's files live: the directory tree every reader relies on.
public struct Layout: Sendable {
    /// The data folder (`data` by default).
    public let dataDir: String
    /// The reports folder (`reports` by default).
    public let reportsDir: String
    public let workspace: WorkspaceID

    /// Creates the layout of one workspace.
    public init(dataDir: String, reportsDir: String, workspace: WorkspaceID) {
        self.dataDir = dataDir
        self.reportsDir = reportsDir
        self.workspace = workspace
    }

    /// `data/<workspace>`.
    public var workspaceDir: String { dataDir + "/" + workspace.value }
    /// `data/<workspace>/catalog.sqlite`.
    public var catalogPath: String { workspaceDir + "/catalog.sqlite" }
    /// The lock file held by the running loader.
    public var lockPath: String { workspaceDir + "/.lock" }
    /// `data/<workspace>/tables`.
    public var tablesDir: String { workspaceDir + "/tables" }
    /// `data/<workspace>/tables/.snapshots`.
    public var snapshotsDir: String { tablesDir + "/.snapshots" }
    /// `reports/<workspace>`.
    public var workspaceReportsDir: String { reportsDir + "/" + workspace.value }

    /// `data/<workspace>/runs/YYYY/MM/DD/<jobId>` for a job started at `start`.
    public func runDir(jobId: String, start: Timestamp) -> String {
        let c = start.civil
        let month = c.month < 10 ? "0\(c.month)" : "\(c.month)"
        let day = c.day < 10 ? "0\(c.day)" : "\(c.day)"
        return workspaceDir + "/runs/\(c.year)/\(month)/\(day)/" + jobId
    }

    /// `<runDir>/<stage>/<source>/<dataType>.jsonl.zst`.
    public func stageFile(runDir: String, stage: Stage, source: SourceName, dataType: DataType)
        -> String
    {
        "\(runDir)/\(stage.rawValue)/\(source.rawValue)/\(dataType.rawValue).jsonl.zst"
    }

    /// `<runDir>/<stage>/<source>/<dataType>.rejects.jsonl.zst`.
    public func rejectsFile(runDir: String, stage: Stage, source: SourceName, dataType: DataType)
        -> String
    {
        "\(runDir)/\(stage.rawValue)/\(source.rawValue)/\(dataType.rawValue).rejects.jsonl.zst"
    }

    /// `tables/<dataType>`, the link readers open.
    public func tableLink(_ dataType: DataType) -> String {
        tablesDir + "/" + dataType.rawValue
    }

    /// `tables/.snapshots/<dataType>/<n>`.
    public func snapshotDir(_ dataType: DataType, number: Int) -> String {
        snapshotsDir + "/\(dataType.rawValue)/\(number)"
    }
}

/// The stages that write files under a job's run folder.
public enum Stage: String, Sendable, CaseIterable {
    case extract
    case parse
    case enrich
    case load
}
