import InflowCore
import InflowExtract
import InflowStore

/// An input file's size and SHA-256, recorded when a sync of its source succeeds.
struct InputFingerprint {
    let source: SourceName
    let path: String
    let size: Int64
    let sha256: String
}

/// Extract: a source's input files (loose or in archives) into raw items, one per line in the
/// extract file of each item's data type.
///
/// A quick sync skips files whose fingerprint is unchanged since the last successful sync and,
/// in the other files, items whose raw bytes are already loaded.
struct ExtractStep {
    /// What extract did for one source.
    struct Summary {
        var files = 0
        var filesUnchanged = 0
        var ignored = 0
        var items = 0
        var skippedAsLoaded = 0
        var rejected = 0
        var fingerprints: [InputFingerprint] = []
        var issues: [JobIssue] = []
        /// Set when the source had input files and none of them could be read.
        var unreadable: String?
        /// Input files (or archive entries) that could not be read to their end; a full sync
        /// tombstones nothing for a source with any, since its inputs were not read whole.
        var failedFiles = 0
    }

    let layout: Layout
    let runDir: String
    let catalog: Catalog
    let quick: Bool
    /// Whether rejects are written; a backfill reads its inputs once per month and keeps them
    /// once.
    var keepsRejects = true

    /// Extracts every input of a source, writing the extract files and handing each new item
    /// to `deliver` in input order.
    ///
    /// - Parameter progress: Told the share of the inputs' bytes read so far, from 0 to 1.
    func run(source: SourceName, folders: [String], progress: (Double) -> Void,
             deliver: (RawItem) throws -> Void) throws -> Summary
    {
        var outputs: [DataType: StageOutput] = [:]
        func output(_ dataType: DataType) throws -> StageOutput {
            if let open = outputs[dataType] { return open }
            let opened = try StageOutput(layout: layout, runDir: runDir, stage: .extract, source: source,
                                         dataType: dataType)
            outputs[dataType] = opened
            return opened
        }
        var summary = Summary()
        var unreadableFiles: [String] = []
        var ignoredNames: [String] = []
        var unreadableEntries = 0
        var ignoredList: JSONLinesWriter?
        func listIgnored(_ file: String, entry: String?, reason: String) throws {
            if ignoredList == nil {
                let path = "\(runDir)/\(Stage.extract.rawValue)/\(source.rawValue)/ignored.jsonl.zst"
                ignoredList = try JSONLinesWriter(path: path, background: false)
            }
            try ignoredList?.write(.object(JSONObject([
                ("file", .string(file)), ("entry", JSON(entry)), ("reason", .string(reason)),
            ])))
        }

        let extractor = SourceExtractor(source: source)
        let inputs = try InputScanner.scan(folders)
        let totalBytes = max(1, inputs.reduce(Int64(0)) { $0 + $1.size })
        var doneBytes: Int64 = 0
        for input in inputs {
            defer {
                doneBytes += input.size
                progress(Double(doneBytes) / Double(totalBytes))
            }
            if case .ignored(let reason) = input.kind {
                summary.ignored += 1
                ignoredNames.append(Path.basename(input.path))
                if keepsRejects { try listIgnored(input.path, entry: nil, reason: reason) }
                continue
            }
            summary.files += 1
            let print = try FileFingerprint.of(path: input.path)
            if quick, let known = try catalog.fingerprint(source: source, path: input.path),
                known.size == print.size, known.sha256 == print.sha256
            {
                summary.filesUnchanged += 1
                summary.fingerprints.append(InputFingerprint(
                    source: source, path: input.path, size: print.size, sha256: print.sha256))
                continue
            }

            let result = try extractor.extract(input) { item in
                if quick, try catalog.isRawLoaded(item.origin.sha256) {
                    summary.skippedAsLoaded += 1
                    return
                }
                summary.items += 1
                try output(item.dataType).records.write(item.json)
                try deliver(item)
                progress(Double(doneBytes + (input.kind == .archive ? 0 : item.origin.offset ?? 0))
                         / Double(totalBytes))
            }
            summary.ignored += result.ignored.count
            ignoredNames += result.ignored.map { Path.basename($0.entry) }
            for skipped in result.ignored where keepsRejects {
                try listIgnored(input.path, entry: skipped.entry, reason: skipped.reason)
            }
            unreadableEntries += result.failedEntries.count

            // A file read to its end is not read again by a quick sync while it stays the
            // same; one that failed is, so its fault is reported again.
            if result.failure == nil && result.failedEntries.isEmpty {
                summary.fingerprints.append(InputFingerprint(
                    source: source, path: input.path, size: print.size, sha256: print.sha256))
            }
            guard keepsRejects else {
                if let failure = result.failure { unreadableFiles.append(failure.description) }
                continue
            }
            for reject in result.rejects {
                try output(reject.dataType).reject(reject)
            }
            for failed in result.failedEntries {
                try output(.emails).reject(Reject(
                    source: source, dataType: .emails,
                    origin: Origin(file: input.path, entry: failed.entry, sha256: print.sha256),
                    stage: Stage.extract.rawValue, reason: failed.reason))
            }
            if let failure = result.failure {
                unreadableFiles.append(failure.description)
                try output(.emails).reject(Reject(
                    source: source, dataType: .emails, origin: Origin(file: input.path, sha256: print.sha256),
                    stage: Stage.extract.rawValue, reason: failure.description))
            }
        }

        try ignoredList?.commit()
        let allUnreadable = !unreadableFiles.isEmpty && unreadableFiles.count == summary.files
        var rejectCount = 0
        for dataType in outputs.keys.sorted() {
            let stage = outputs[dataType]!
            try stage.commit()
            rejectCount += stage.rejectCount
            summary.issues += stage.issues(
                kind: "extract", severity: "warning", excluding: allUnreadable ? Set(unreadableFiles) : [])
        }
        summary.rejected = rejectCount - unreadableFiles.count
        summary.failedFiles = unreadableFiles.count + unreadableEntries
        if summary.ignored > 0 {
            let names = ignoredNames.prefix(3).joined(separator: ", ")
            summary.issues.append(JobIssue(
                kind: "extract",
                message: "files and archive entries that hold no data were ignored (\(names)); "
                    + "each is listed with its reason in extract/\(source.rawValue)/ignored.jsonl.zst",
                count: summary.ignored, severity: "info"))
        }
        if allUnreadable {
            summary.unreadable = unreadableFiles[0]
        }
        return summary
    }
}
