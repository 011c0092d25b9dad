internal import Glibc
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
        if let timezone, !TimeZoneDatabase.system.knows(timezone) {
            throw UsageError("--timezone '\(timezone.debugEscaped)' is not an IANA time zone known to this machine")
        }
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
            var batch: [RawItem] = []
            func flush() {
                for (lines, rejects) in batch.parallelMap(workers: workers, { parse($0, timezone: timezone) }) {
                    if !lines.isEmpty { print(lines.map { $0 + "\n" }.joined()) }
                    for line in rejects {
                        StandardStream.error.write(line)
                    }
                }
                batch.removeAll(keepingCapacity: true)
            }
            let result = SourceExtractor().extract(InputFile(path: path, size: size, kind: kind)) { item in
                batch.append(item)
                if batch.count == batchItems { flush() }
            }
            flush()
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

    /// Items parsed at once, on every core.
    static let batchItems = 256

    /// The threads that parse a batch: one per core.
    private static var workers: Int {
        Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }

    /// The item's records and its rejects, each as a JSON line; pure, so items of a batch can
    /// be parsed in parallel and printed in order after.
    private static func parse(_ item: RawItem, timezone: String?) -> (records: [String], rejects: [String]) {
        let origin = item.origin
        let rejectLine = { (reason: String) in
            rejectText(file: origin.file, entry: origin.entry, offset: origin.offset, reason: reason)
        }
        switch item.dataType {
        case .meetings:
            let result = CalendarParser.parse(item, defaultTimeZone: timezone)
            return (result.meetings.map(\.json.text), result.rejects.map { rejectLine($0.reason) })
        case .contacts:
            let result = ContactParser.parse(item)
            return (result.contacts.map(\.json.text), result.rejects.map { rejectLine($0.reason) })
        default:
            switch EmailParser.parse(item) {
            case .success(let record): return ([record.json.text], [])
            case .failure(let failure): return ([], [rejectLine(failure.reason)])
            }
        }
    }

    private static func reject(file: String, entry: String?, offset: Int64?, reason: String) {
        StandardStream.error.write(rejectText(file: file, entry: entry, offset: offset, reason: reason))
    }

    private static func rejectText(file: String, entry: String?, offset: Int64?, reason: String) -> String {
        JSON.object(JSONObject([
            ("file", .string(file)), ("entry", JSON(entry)), ("offset", JSON(offset)), ("reason", .string(reason)),
        ])).text + "\n"
    }
}
