import InflowCore
import InflowExtract
import InflowParse
import InflowStore

/// `inflow inspect FILE...`: what the parsers make of any input file or archive, without a
/// workspace.
///
/// Records go to stdout one per line; each rejected item goes to stderr as one JSON line
/// `{file, entry, offset, reason}`. The command fails only when a file cannot be read at all.
enum InspectCommand {
    /// How to read the files: by their kind as the scanner sees it, or forced.
    enum Mode: String {
        case auto
        case email
        case meeting
        case contact
    }

    static func run(_ arguments: Arguments, print: (String) -> Void) throws -> Bool {
        try arguments.check(allowed: ["as", "timezone", "log-format", "help", "now"], positional: true)
        let modeText = arguments.options["as"] ?? "auto"
        guard let mode = Mode(rawValue: modeText), mode != .auto else {
            if arguments.options["as"] == nil { return try inspect(arguments, mode: .auto, print: print) }
            throw UsageError("--as must be email, meeting or contact (or left out to read files by kind)")
        }
        return try inspect(arguments, mode: mode, print: print)
    }

    private static func inspect(_ arguments: Arguments, mode: Mode, print: (String) -> Void) throws -> Bool {
        guard !arguments.positional.isEmpty else { throw UsageError("inspect needs at least one FILE") }
        let timezone = arguments.options["timezone"]
        var allRead = true
        for path in arguments.positional {
            guard FileSystem.exists(path), !FileSystem.isDirectory(path) else {
                reject(file: path, entry: nil, offset: nil, reason: "no such file")
                allRead = false
                continue
            }
            if mode == .auto, let format = RowFormat(path: path) {
                if !inspectRows(path, format: format, print: print) { allRead = false }
                continue
            }
            let kind = kind(of: path, mode: mode)
            if case .ignored(let reason) = kind {
                reject(file: path, entry: nil, offset: nil, reason: reason)
                continue
            }
            let size = (try? FileSystem.size(path)) ?? 0
            let result = SourceExtractor().extract(InputFile(path: path, size: size, kind: kind)) { item in
                for line in parse(item, timezone: timezone) {
                    print(line + "\n")
                }
            }
            for item in result.rejects {
                reject(file: path, entry: item.origin.entry, offset: item.origin.offset, reason: item.reason)
            }
            for entry in result.failedEntries {
                reject(file: path, entry: entry.entry, offset: nil, reason: entry.reason)
            }
            if let failure = result.failure {
                reject(file: path, entry: nil, offset: nil, reason: failure.description)
                if result.items == 0 { allRead = false }
            }
        }
        return allRead
    }

    /// A CSV or JSON file, which no known layout reads yet, printed as generic rows.
    enum RowFormat {
        case csv
        case json

        /// The format a file name's extension says, or nil for any other file.
        init?(path: String) {
            let name = Path.basename(path).lowercased()
            if name.hasSuffix(".csv") {
                self = .csv
            } else if [".json", ".jsonl", ".ndjson"].contains(where: name.hasSuffix) {
                self = .json
            } else {
                return nil
            }
        }
    }

    /// Prints a CSV or JSON file's rows; a syntax error is one reject after the rows before it.
    ///
    /// - Returns: Whether the file could be read at all.
    private static func inspectRows(_ path: String, format: RowFormat, print: (String) -> Void) -> Bool {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(path)
        } catch {
            reject(file: path, entry: nil, offset: nil, reason: "cannot be read: \(error)")
            return false
        }

        var rows = 0
        let each = { (row: GenericRow) in
            rows += 1
            print(row.json.text + "\n")
        }
        do {
            switch format {
            case .csv: try GenericRowReader.csv(bytes, each: each)
            case .json: try GenericRowReader.json(bytes, each: each)
            }
        } catch {
            reject(file: path, entry: nil, offset: nil, reason: "\(error)")
            return rows > 0
        }
        return true
    }

    private static func kind(of path: String, mode: Mode) -> InputKind {
        switch mode {
        case .auto: InputScanner.classify(path)
        case .email: .message
        case .meeting: .calendar
        case .contact: .contacts
        }
    }

    /// The item's records as JSON lines; its rejects go to stderr.
    private static func parse(_ item: RawItem, timezone: String?) -> [String] {
        let origin = item.origin
        switch item.dataType {
        case .meetings:
            let result = CalendarParser.parse(item, defaultTimeZone: timezone)
            for failed in result.rejects {
                reject(file: origin.file, entry: origin.entry, offset: origin.offset, reason: failed.reason)
            }
            return result.meetings.map(\.json.text)
        case .contacts:
            let result = ContactParser.parse(item)
            for failed in result.rejects {
                reject(file: origin.file, entry: origin.entry, offset: origin.offset, reason: failed.reason)
            }
            return result.contacts.map(\.json.text)
        default:
            switch EmailParser.parse(item) {
            case .success(let record): return [record.json.text]
            case .failure(let failure):
                reject(file: origin.file, entry: origin.entry, offset: origin.offset, reason: failure.reason)
                return []
            }
        }
    }

    private static func reject(file: String, entry: String?, offset: Int64?, reason: String) {
        StandardStream.error.write(JSON.object(JSONObject([
            ("file", .string(file)), ("entry", JSON(entry)), ("offset", JSON(offset)), ("reason", .string(reason)),
        ])).text + "\n")
    }
}
