import InflowCore
import InflowEnrich
import Testing

/// Locations and the shared analyzer for the sentiment suites.
enum SentimentTestSupport {
    /// The folder holding `Package.swift`, found from this file's path.
    static let packageRoot = Path.normalize(Path.directory(of: #filePath) + "/../..")

    /// The lexicon as `scripts/fetch-lexicon.sh` leaves it under the package root.
    static let lexicon = Result { () throws(SentimentLexicon.Error) in
        try SentimentLexicon(folder: SentimentLexicon.defaultFolder(packageRoot: packageRoot))
    }

    /// The analyzer over the fetched lexicon; fails the calling test with the loader's message
    /// (which says to run `make setup`) when the lexicon is missing.
    static func analyzer(sourceLocation: SourceLocation = #_sourceLocation) throws
        -> SentimentAnalyzer
    {
        switch lexicon {
        case .success(let lexicon):
            return SentimentAnalyzer(lexicon: lexicon)
        case .failure(let error):
            Issue.record("\(error)", sourceLocation: sourceLocation)
            throw error
        }
    }
}
