import InflowCore
import InflowExtract
import InflowParse
import InflowStore

/// `inflow inspect FILE...`: what the parsers make of any input file, without a workspace.
///
/// Records go to stdout one per line; each rejected item goes to stderr as one JSON line
/// `{file, entry, offset, reason}`. The command fails only when a file cannot be read at all.
enum InspectCommand {
    /// How to read the files: by their kind as the scanner sees it, or forced.
    enum Mode: String {
        case auto
        case email
    }

    static func run(_ arguments: Arguments, print: (String) -> Void) throws -> Bool {
        try arguments.check(allowed: ["as", "log-format", "help", "now"], positional: true)
        let modeText = arguments.options["as"] ?? "auto"
        guard let mode = Mode(rawValue: modeText) else {
            throw UsageError("--as must be email (or left out to read files by their kind)")
        }
        guard !arguments.positional.isEmpty else { throw UsageError("inspect needs at least one FILE") }

        var allRead = true
        for path in arguments.positional {
            guard FileSystem.exists(path), !FileSystem.isDirectory(path) else {
                StandardStream.error.write(rejectLine(file: path, offset: nil, reason: "no such file"))
                allRead = false
                continue
            }
            let kind: InputKind = mode == .email ? .message : InputScanner.classify(path)
            if case .ignored(let reason) = kind {
                StandardStream.error.write(rejectLine(file: path, offset: nil, reason: reason))
                continue
            }
            let size = (try? FileSystem.size(path)) ?? 0
            let result = MailExtractor().extract(InputFile(path: path, size: size, kind: kind)) { item in
                switch EmailParser.parse(item) {
                case .success(let record): print(record.json.text + "\n")
                case .failure(let failure):
                    StandardStream.error.write(
                        rejectLine(file: path, offset: item.origin.offset, reason: failure.reason))
                }
            }
            for reject in result.rejects {
                StandardStream.error.write(
                    rejectLine(file: path, offset: reject.origin.offset, reason: reject.reason))
            }
            if let failure = result.failure {
                StandardStream.error.write(rejectLine(file: path, offset: nil, reason: failure.description))
                if result.items == 0 { allRead = false }
            }
        }
        return allRead
    }

    private static func rejectLine(file: String, offset: Int64?, reason: String) -> String {
        JSON.object(JSONObject([
            ("file", .string(file)), ("entry", .null), ("offset", JSON(offset)), ("reason", .string(reason)),
        ])).text + "\n"
    }
}
