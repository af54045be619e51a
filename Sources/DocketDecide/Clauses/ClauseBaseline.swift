/// The plain baseline's passages for one contract (`scripts/clauses/baseline.py`: TF-IDF over words and pairs
/// and a logistic regression, trained on the clause model's contracts), read by `docket eval-clauses
/// --baseline` and scored under the same protocol as the clause model, in the same run.
public struct ClauseBaseline: Sendable, Codable {
    public struct Passage: Sendable, Codable {
        public var score: Double
        public var text: String
    }

    public struct Category: Sendable, Codable {
        public var name: String
        /// The baseline's own operating point: its best out-of-fold F1 over training contracts.
        public var threshold: Double
        /// Best first.
        public var passages: [Passage]
    }

    public var name: String
    public var categories: [Category]

    public var found: [String: [(score: Double, text: String)]] {
        Dictionary(uniqueKeysWithValues: categories.map { ($0.name, $0.passages.map { ($0.score, $0.text) }) })
    }

    public var thresholds: [String: Double] {
        Dictionary(uniqueKeysWithValues: categories.map { ($0.name, $0.threshold) })
    }
}
