import InflowCore
import InflowParse
import InflowStore

/// Parse: raw items from the extract file into typed records, rejects with their reasons.
struct ParseStep {
    /// What parse did for one source.
    struct Summary {
        var records = 0
        var rejected = 0
        var attachmentErrors = 0
        var topReason: String?
    }

    let layout: Layout
    let runDir: String

    /// Parses every raw email in the source's extract file.
    func run(source: SourceName, dataType: DataType, onItem: () throws -> Void) throws -> Summary {
        let input = layout.stageFile(runDir: runDir, stage: .extract, source: source, dataType: dataType)
        let output = try StageOutput(layout: layout, runDir: runDir, stage: .parse, source: source,
                                     dataType: dataType)
        var summary = Summary()
        let reader = try JSONLinesReader(path: input)
        while let line = try reader.next() {
            let item: RawItem
            do {
                item = try RawItem(json: line)
            } catch {
                throw StoreError(.corrupt, path: input, "line \(reader.lineNumber): \(error)")
            }
            switch EmailParser.parse(item) {
            case .success(let record):
                summary.records += 1
                summary.attachmentErrors += record.attachments.filter { $0.error != nil }.count
                try output.records.write(record.json)
            case .failure(let failure):
                try output.reject(Reject(source: source, dataType: dataType, origin: item.origin,
                                         stage: Stage.parse.rawValue, reason: failure.reason))
            }
            try onItem()
        }
        try output.commit()
        summary.rejected = output.rejectCount
        summary.topReason = output.topReason
        return summary
    }
}
