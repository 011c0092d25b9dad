import FoundationEssentials
import InflowCore
import InflowEnrich
import Testing

/// Parsing the two lexicon files, loading them from a folder, and the errors when that fails.
@Suite struct SentimentLexiconTests {
    /// CRLF lines, no final newline, `good` twice, like `vader_lexicon.txt`.
    private static let words = Array(
        ("good\t1.9\t0.9\t[2, 2]\r\nbad\t-2.5\t0.5\t[-2]\r\n:D\t2.3\t1\t[2]\r\n"
            + "good\t2.0\t0\t[2]").utf8)
    /// One single-code-point emoji and one with a skin tone, like `emoji_utf8_lexicon.txt`.
    private static let emoji = Array(
        "\u{263A}\tsmiling face\r\n\u{1F44D}\u{1F3FD}\tthumbs up: medium skin tone".utf8)

    @Test func parsesTrimmedLinesAndTheLastDuplicateWins() throws {
        let lexicon = try SentimentLexicon(words: Self.words, emoji: Self.emoji)
        #expect(lexicon.wordCount == 3)
        #expect(try SentimentLexicon(words: Array("\tgood\t1.9 \n".utf8), emoji: []).wordCount == 1)
        #expect(lexicon.valence(of: "good") == 2.0)
        #expect(lexicon.valence(of: "bad") == -2.5)
        #expect(lexicon.valence(of: ":D") == 2.3)
        #expect(lexicon.valence(of: ":d") == nil)
    }

    @Test func keepsOnlyOneCodePointEmoji() throws {
        let lexicon = try SentimentLexicon(words: Self.words, emoji: Self.emoji)
        #expect(lexicon.emojiCount == 1)
        #expect(lexicon.emojiDescription(of: "\u{263A}") == "smiling face")
        #expect(lexicon.emojiDescription(of: "\u{1F44D}") == nil)
    }

    @Test func analyzerUsesTheGivenLexicon() throws {
        let lexicon = try SentimentLexicon(words: Self.words, emoji: Self.emoji)
        let analyzer = SentimentAnalyzer(lexicon: lexicon)
        #expect(analyzer.score("good").compound == 0.4588)
        #expect(analyzer.score("so \u{263A}") == analyzer.score("so smiling face"))
        #expect(analyzer.score(":D").compound == 0)
    }

    @Test(arguments: [
        ("good\t1.9\r\nbad -2.5\r\n", 2),
        ("good\t1.9\nbad\tminus two\n", 2),
        ("terrible\n", 1),
    ])
    func rejectsDamagedWordLines(_ text: String, line: Int) {
        let expected = SentimentLexicon.Error.malformedLine(file: "vader_lexicon.txt", line: line)
        #expect(throws: expected) {
            try SentimentLexicon(words: Array(text.utf8), emoji: Self.emoji)
        }
    }

    @Test func rejectsDamagedEmojiLines() {
        let emoji = Array("\u{263A}\tsmiling face\n\u{263B}\n".utf8)
        let expected = SentimentLexicon.Error.malformedLine(
            file: "emoji_utf8_lexicon.txt", line: 2)
        #expect(throws: expected) {
            try SentimentLexicon(words: Self.words, emoji: emoji)
        }
    }

    @Test func missingLexiconNamesTheFileAndSaysToRunSetup() throws {
        let folder = "/nonexistent-inflow-lexicon-\(UUID().uuidString)"
        let error = try #require(throws: SentimentLexicon.Error.self) {
            try SentimentLexicon(folder: folder)
        }
        #expect(error == .missingFile(path: folder + "/vader_lexicon.txt"))
        #expect(
            error.description == "sentiment lexicon file \(folder)/vader_lexicon.txt is missing; "
                + "run `make setup` (scripts/fetch-lexicon.sh) to fetch it")
    }

    @Test func missingEmojiFileIsNamed() throws {
        let folder = FileManager.default.temporaryDirectory.path
            + "/inflow-lexicon-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(Self.words).write(to: URL(fileURLWithPath: folder + "/vader_lexicon.txt"))

        let expected = SentimentLexicon.Error.missingFile(path: folder + "/emoji_utf8_lexicon.txt")
        #expect(throws: expected) {
            try SentimentLexicon(folder: folder)
        }
    }

    @Test func folderComesFromTheEnvironmentOrThePackageRoot() {
        let folder = { SentimentLexicon.folder(environment: $0, packageRoot: "/p") }
        #expect(SentimentLexicon.defaultFolder(packageRoot: "/src") == "/src/vendor/vader")
        #expect(folder(["INFLOW_LEXICON_DIR": "/opt/vader"]) == "/opt/vader")
        #expect(folder(["INFLOW_LEXICON_DIR": ""]) == "/p/vendor/vader")
        #expect(folder([:]) == "/p/vendor/vader")
    }

    /// The fetched files: 7,520 lines with 14 duplicates, 1,212 one-code-point emoji.
    @Test func fetchedLexiconHasTheExpectedSize() throws {
        let lexicon = try SentimentTestSupport.lexicon.get()
        #expect(lexicon.wordCount == 7_506)
        #expect(lexicon.emojiCount == 1_212)
        #expect(lexicon.valence(of: "lol") == 1.8)
        #expect(lexicon.emojiDescription(of: "\u{2122}") == "trade mark")
    }
}
