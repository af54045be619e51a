/// What a contract holds of CUAD's clause categories: per category found, the passages that hold it
/// with their score, pages, heading path and byte offsets, and the normalised answer where Docket
/// reads one ("Governing Law": "Germany"). Offsets and pages, never passage text: the answer is the
/// only text taken from the contract, and a person in it is masked ("[person] (Consultant)").
public struct ContractClauses: Sendable, Codable, Equatable {
    public struct Citation: Sendable, Codable, Equatable {
        public var score: Double
        public var firstPage: Int
        public var lastPage: Int
        public var headingPath: [String]
        /// UTF-8 byte offsets into the document text (pages joined by form feeds), as chunks have.
        public var start: Int
        public var end: Int
    }

    public struct Category: Sendable, Codable, Equatable {
        public var name: String
        public var answer: String?
        /// Best first, at most `citationsPerCategory`.
        public var passages: [Citation]
    }

    public static let citationsPerCategory = 3

    public var document: String
    public var categories: [Category]

    /// Scores every line of the document once (chunks overlap; a passage in two is scored once, in
    /// the first), then keeps per category the passages that reach its threshold.
    public static func find(
        in document: ExtractedDocument, chunking: ChunkingSpec, detector: ClauseDetector
    ) -> ContractClauses {
        let text = DocumentText(pages: document.pages)
        let chunks = Chunker(spec: chunking).chunks(documentSHA256: document.sha256, pages: document.pages)
        var seen: Set<Int> = []
        var scored: [(range: Range<Int>, headingPath: [String], probabilities: [Float])] = []
        for chunk in chunks {
            for unit in detector.scores(in: chunk.text) {
                let range = (chunk.start + unit.range.lowerBound)..<(chunk.start + unit.range.upperBound)
                guard seen.insert(range.lowerBound).inserted else { continue }
                scored.append((range, chunk.headingPath, unit.probabilities))
            }
        }
        let model = detector.model
        let categories = model.categories.indices.compactMap { index -> Category? in
            let threshold = detector.threshold ?? model.categories[index].threshold
            let passages = scored.filter { $0.probabilities[index] >= threshold }
                .sorted { $0.probabilities[index] > $1.probabilities[index] }
                .prefix(citationsPerCategory)
            guard let best = passages.first else { return nil }
            let name = model.categories[index].name
            let answer = ClauseAnswer.reader(for: name, maskingPeople: true)?.read(text.string(best.range))
            return Category(
                name: name, answer: answer,
                passages: passages.map {
                    Citation(
                        score: Double($0.probabilities[index]), firstPage: text.page(at: $0.range.lowerBound),
                        lastPage: text.page(at: max($0.range.lowerBound, $0.range.upperBound - 1)),
                        headingPath: $0.headingPath, start: $0.range.lowerBound, end: $0.range.upperBound)
                })
        }
        return ContractClauses(document: document.sha256, categories: categories)
    }
}
