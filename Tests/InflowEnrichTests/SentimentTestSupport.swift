import InflowCore
import InflowEnrich

/// Locations and the shared analyzer for the sentiment suites.
enum SentimentTestSupport {
    /// The folder holding `Package.swift`, found from this file's path.
    static let packageRoot = Path.normalize(Path.directory(of: #filePath) + "/../..")

    /// The lexicon as `scripts/fetch-lexicon.sh` leaves it under the package root.
    static let lexicon = Result { () throws(SentimentLexicon.Error) in
        try SentimentLexicon(folder: SentimentLexicon.defaultFolder(packageRoot: packageRoot))
    }

    /// The analyzer over the fetched lexicon.
    ///
    /// - Throws: the loader's error, whose message says to run `make setup`, when the lexicon
    ///   has not been fetched.
    static func analyzer() throws(SentimentLexicon.Error) -> SentimentAnalyzer {
        try sharedAnalyzer.get()
    }

    private static let sharedAnalyzer = lexicon.map(SentimentAnalyzer.init(lexicon:))
}
