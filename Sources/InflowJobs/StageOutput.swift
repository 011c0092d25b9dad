import InflowCore
import InflowStore

/// A stage's two files for one source and data type: the records it passes on and the items
/// it rejected, both published only when the stage finishes.
final class StageOutput {
    let records: JSONLinesWriter
    private let rejectsPath: String
    private var rejects: JSONLinesWriter?
    private(set) var rejectReasons: [String: Int] = [:]

    /// Opens the files of `stage` under the job's run folder.
    init(layout: Layout, runDir: String, stage: Stage, source: SourceName, dataType: DataType) throws {
        records = try JSONLinesWriter(
            path: layout.stageFile(runDir: runDir, stage: stage, source: source, dataType: dataType),
            level: stage == .extract ? JSONLinesWriter.rawCompressionLevel : JSONLinesWriter.compressionLevel)
        rejectsPath = layout.rejectsFile(runDir: runDir, stage: stage, source: source, dataType: dataType)
    }

    /// How many items were rejected.
    var rejectCount: Int {
        rejects?.count ?? 0
    }

    /// Writes a reject, creating the rejects file on the first one.
    func reject(_ reject: Reject) throws {
        if rejects == nil { rejects = try JSONLinesWriter(path: rejectsPath) }
        try rejects?.write(reject.json)
        rejectReasons[reject.reason, default: 0] += 1
    }

    /// Publishes both files.
    func commit() throws {
        try records.commit()
        try rejects?.commit()
    }

    /// The rejects as history entries: one per reason, most common first (ties by reason),
    /// at most `limit`, the rest counted together in one more entry.
    func issues(kind: String, severity: String, excluding excluded: Set<String> = [], limit: Int = 5)
        -> [JobIssue]
    {
        let counted = rejectReasons.filter { !excluded.contains($0.key) }.sorted {
            $0.value != $1.value ? $0.value > $1.value : $0.key.utf8.lexicographicallyPrecedes($1.key.utf8)
        }
        var issues = counted.prefix(limit).map {
            JobIssue(kind: kind, message: $0.key, count: $0.value, severity: severity)
        }
        let rest = counted.dropFirst(limit)
        if !rest.isEmpty {
            issues.append(JobIssue(kind: kind, message: "\(rest.count) other reasons",
                                   count: rest.reduce(0) { $0 + $1.value }, severity: severity))
        }
        return issues
    }
}
