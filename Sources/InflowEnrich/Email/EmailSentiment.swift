public import InflowCore

/// Which text of an email sentiment reads.
public enum EmailSentiment {
    /// What the sender wrote: the subject and the new text, without quoted history or
    /// signature, one after the other on separate lines.
    public static func text(of email: EmailRecord) -> String? {
        let parts = [email.subject, email.text].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: "\n")
    }

    /// The email's score, or nil when it has neither subject nor text.
    public static func score(_ email: EmailRecord, with analyzer: SentimentAnalyzer) -> Sentiment? {
        text(of: email).map(analyzer.score)
    }
}
