import InflowCore
import InflowStore

/// Reads a past job's stage files back as the input of a replay: its extract files (to parse
/// and enrich again) or its parse files (to enrich again), never the sources' inputs.
struct ReplayFeed {
    let layout: Layout
    /// The past job's run folder.
    let runDir: String
    /// The first stage to run again: `parse` or `enrich`.
    let from: Stage

    /// Hands every stored item or record of `source` to `deliver`, data type by data type.
    ///
    /// - Returns: What was read, shaped like extract's summary (no input files, no fingerprints).
    func run(source: SourceName, deliver: (BatchProcessor.Input) throws -> Void) throws -> ExtractStep.Summary {
        var summary = ExtractStep.Summary()
        let stage: Stage = from == .parse ? .extract : .parse
        for dataType in DataType.allCases {
            let path = layout.stageFile(runDir: runDir, stage: stage, source: source, dataType: dataType)
            guard FileSystem.exists(path) else { continue }
            summary.files += 1
            let reader = try JSONLinesReader(path: path)
            while let line = try reader.nextLine() {
                summary.items += 1
                if stage == .extract {
                    let item: RawItem
                    do {
                        item = try RawItem(json: try JSON.parse(line))
                    } catch {
                        throw StoreError(.corrupt, path: path, "line \(reader.lineNumber): \(error)")
                    }
                    try deliver(.raw(item))
                } else {
                    try deliver(.parsed(dataType, line: Array(line), source: source))
                }
            }
        }
        return summary
    }
}
