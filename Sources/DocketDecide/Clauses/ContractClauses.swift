import DocketModel
import DocketSpec

/// What a contract holds of CUAD's clause categories: per category found, the passages that hold it
/// with their score, pages, heading path and byte offsets, and the normalised answer where Docket
/// reads one ("Governing Law": "Germany"). A person in an answer is masked ("[person] (Consultant)"); the
/// passage text is for the reader of `docket clauses` and is dropped (`withoutText`) wherever it is kept.
public struct ContractClauses: Sendable, Codable, Equatable {
    public struct Citation: Sendable, Codable, Equatable {
        public var score: Double
        public var firstPage: Int
        public var lastPage: Int
        public var headingPath: [String]
        /// UTF-8 byte offsets into the document text (pages joined by form feeds), as chunks have.
        public var start: Int
        public var end: Int
        public var text: String?
    }

    public struct Category: Sendable, Codable, Equatable {
        public var name: String
        public var answer: String?
        /// Best first: every passage at or above the category's threshold (or the minimum score asked for).
        public var passages: [Citation]
    }

    /// How many passages of a category a report cites.
    public static let citationsPerCategory = 3

    public var document: String
    /// The language the categories were looked for in: the model reads English; German and French
    /// contracts also get the rules for governing law, dates, term and notice period.
    public var language: String?
    public var categories: [Category]

    /// Scores every passage of the document once (chunks overlap; a passage in two is scored once, in
    /// the first), then keeps per category the passages that reach its threshold, or `minScore` when
    /// given (every candidate down to it, for precision-recall curves). In a German or French document
    /// (`language`, or as detected) the passages the rules for those languages match are added.
    public static func find(
        in document: ExtractedDocument, chunking: ChunkingSpec, detector: ClauseDetector, minScore: Double? = nil,
        language: String? = nil, maskingPeople: Bool = true
    ) -> ContractClauses {
        let chunks = Chunker(spec: chunking).chunks(documentSHA256: document.sha256, pages: document.pages)
        return find(
            in: document, chunks: chunks, detector: detector, minScore: minScore, language: language,
            maskingPeople: maskingPeople)
    }

    /// As above, in chunks already cut. The answer is read from the best passage that has one, among the
    /// first `citationsPerCategory` at the operating point (whatever `minScore` lists).
    public static func find(
        in document: ExtractedDocument, chunks: [Chunk], detector: ClauseDetector, minScore: Double? = nil,
        language: String? = nil, maskingPeople: Bool = true
    ) -> ContractClauses {
        let text = DocumentText(pages: document.pages)
        var seen: Set<Int> = []
        var scored: [(range: Range<Int>, headingPath: [String], probabilities: [Float])] = []
        for chunk in chunks {
            for unit in detector.scores(in: chunk.text) {
                let range = (chunk.start + unit.range.lowerBound)..<(chunk.start + unit.range.upperBound)
                guard seen.insert(range.lowerBound).inserted else { continue }
                scored.append((range, chunk.headingPath, unit.probabilities))
            }
        }
        let language = language ?? guessedLanguage(text)
        var ruled: [String: [(passage: Int, answer: String?)]] = [:]
        if language == "de" || language == "fr" {
            for (position, unit) in scored.enumerated() {
                for match in GermanFrenchClauseRules.categories(in: text.string(unit.range)) {
                    ruled[match.category, default: []].append((position, match.answer))
                }
            }
        }
        let model = detector.model
        var answers: [String: String] = [:]
        let categories = model.categories.indices.compactMap { index -> Category? in
            let name = model.categories[index].name
            let operating = Double(detector.threshold ?? model.categories[index].threshold)
            let threshold = minScore ?? operating
            var scores: [Int: Double] = [:]
            for (position, unit) in scored.enumerated() where Double(unit.probabilities[index]) >= threshold {
                scores[position] = Double(unit.probabilities[index])
            }
            for match in ruled[name] ?? [] {
                scores[match.passage] = max(scores[match.passage] ?? 0, GermanFrenchClauseRules.score)
            }
            let ranked = scores.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            guard !ranked.isEmpty else { return nil }
            let reader = ClauseAnswer.reader(for: name, maskingPeople: maskingPeople, known: answers)
            let answer =
                ruled[name]?.lazy.compactMap(\.answer).first
                ?? ranked.prefix(citationsPerCategory).lazy.filter { $0.value >= operating }
                .compactMap { reader?.read(text.string(scored[$0.key].range)) }.first
            answers[name] = answer
            return Category(
                name: name, answer: answer,
                passages: ranked.map { position, score in
                    let unit = scored[position]
                    return Citation(
                        score: score, firstPage: text.page(at: unit.range.lowerBound),
                        lastPage: text.page(at: max(unit.range.lowerBound, unit.range.upperBound - 1)),
                        headingPath: unit.headingPath, start: unit.range.lowerBound, end: unit.range.upperBound,
                        text: text.string(unit.range))
                })
        }
        return ContractClauses(document: document.sha256, language: language, categories: categories)
    }

    /// The language of the contract's first 8 KB (its words alone: no word index needed).
    static func guessedLanguage(_ text: DocumentText) -> String? {
        LanguageDetector.detect(WordScanner.words(Array(text.bytes.prefix(8_192)), indexed: false))
    }

    /// The categories with a passage that overlaps the byte range (a chunk's).
    public func categories(overlapping range: Range<Int>) -> [String] {
        categories.filter { category in
            category.passages.contains { $0.start < range.upperBound && range.lowerBound < $0.end }
        }.map(\.name)
    }

    /// Without the passages' text: what a store or a run's results keep (offsets and pages cite them).
    public func withoutText() -> ContractClauses {
        var copy = self
        for index in copy.categories.indices {
            for passage in copy.categories[index].passages.indices {
                copy.categories[index].passages[passage].text = nil
            }
        }
        return copy
    }
}
