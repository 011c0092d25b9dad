import FoundationEssentials

extension SentimentLexicon {
    /// The environment variable a program may set to point at a lexicon folder.
    ///
    /// The library never reads the environment itself; callers pass it to
    /// `folder(environment:packageRoot:)`.
    public static let folderEnvironmentVariable = "INFLOW_LEXICON_DIR"

    /// Where `scripts/fetch-lexicon.sh` puts the lexicon by default: `vendor/vader` under the
    /// package root.
    public static func defaultFolder(packageRoot: String) -> String {
        packageRoot + "/vendor/vader"
    }

    /// The lexicon folder to use: `INFLOW_LEXICON_DIR` when the environment sets it to a
    /// non-empty value, otherwise the default folder under the package root.
    ///
    /// - Parameters:
    ///   - environment: the process environment, for example
    ///     `ProcessInfo.processInfo.environment`.
    ///   - packageRoot: the folder holding `Package.swift` and `vendor/`.
    public static func folder(environment: [String: String], packageRoot: String) -> String {
        if let folder = environment[folderEnvironmentVariable], !folder.isEmpty {
            return folder
        }
        return defaultFolder(packageRoot: packageRoot)
    }

    /// Loads `vader_lexicon.txt` and `emoji_utf8_lexicon.txt` from a folder.
    ///
    /// - Parameter folder: a folder filled by `scripts/fetch-lexicon.sh` (run by `make setup`).
    /// - Throws: `SentimentLexicon.Error.missingFile` naming the first file that does not exist,
    ///   `.unreadableFile` when one cannot be read, `.malformedLine` when one is damaged.
    public init(folder: String) throws(Error) {
        let words = try Self.readFile(folder + "/" + Self.wordsFileName)
        let emoji = try Self.readFile(folder + "/" + Self.emojiFileName)
        try self.init(words: words, emoji: emoji)
    }

    private static func readFile(_ path: String) throws(Error) -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .missingFile(path: path)
        }
        do {
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .unreadableFile(path: path, reason: String(describing: error))
        }
    }

    /// Why a lexicon could not be loaded; each message names the file and what to do about it.
    public enum Error: Swift.Error, Equatable, CustomStringConvertible {
        /// The file does not exist: the lexicon has not been fetched yet.
        case missingFile(path: String)
        /// The file exists but reading it failed.
        case unreadableFile(path: String, reason: String)
        /// A line lacks the TAB-separated fields, or its valence is not a number.
        case malformedLine(file: String, line: Int)

        /// A one-line message naming the file and the remedy.
        public var description: String {
            switch self {
            case .missingFile(let path):
                "sentiment lexicon file \(path) is missing; run `make setup` "
                    + "(scripts/fetch-lexicon.sh) to fetch it"
            case .unreadableFile(let path, let reason):
                "cannot read sentiment lexicon file \(path): \(reason)"
            case .malformedLine(let file, let line):
                "line \(line) of \(file) is not `entry<TAB>value`; the file is damaged, "
                    + "run `make setup` to fetch it again"
            }
        }
    }
}
