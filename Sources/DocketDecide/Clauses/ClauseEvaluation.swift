import Foundation

/// Scores clause detection on contracts a lawyer labelled (`make eval-clauses`), under the protocol of
/// issue #13, so that figures compare across versions:
/// - presence: per category, a contract's score is its best passage's score (0 without one); average
///   precision over contracts, and F1 at the operating point (each category's threshold);
/// - passages: a found passage is a hit when it holds at least half of the word 3-grams of a passage the
///   lawyer marked for the category in that contract and is at most 4× + 40 words long; each marked
///   passage counts once; average precision over passages ranked by score, and precision at 80% recall;
/// - answers: per category with an answer reader, Docket's answer (`ContractClauses`) against CUAD's.
public struct ClauseEvaluation: Sendable {
    public struct Contract: Sendable, Codable {
        public var name: String
        /// The contract as published (the PDF), read by Docket's own extraction.
        public var file: String
        /// The categories the lawyer marked in this contract.
        public var present: [String]
        /// Per category, the text of each passage the lawyer marked.
        public var passages: [String: [String]]
        /// CUAD's normalised answers, by category ("Governing Law": "Delaware").
        public var answers: [String: String]?

        public init(
            name: String, file: String, present: [String], passages: [String: [String]], answers: [String: String]?
        ) {
            self.name = name
            self.file = file
            self.present = present
            self.passages = passages
            self.answers = answers
        }
    }

    /// Categories whose passages are names and dates rather than clauses: left out of the passage average.
    public static let entityLike: Set<String> = ["Document Name", "Parties", "Agreement Date", "Effective Date"]

    public let categories: [String]
    /// Per category, per contract: the best passage's score, whether the detector says the contract
    /// holds the category, and whether the lawyer marked it.
    public private(set) var presence: [String: [(score: Double, found: Bool, labelled: Bool)]] = [:]
    /// Per category, whether the reference (searching for the category's name) found it, per contract.
    public private(set) var reference: [String: [(found: Bool, labelled: Bool)]] = [:]
    /// Per category: every candidate passage's score and whether it was a hit.
    public private(set) var candidates: [String: [(score: Double, hit: Bool)]] = [:]
    public private(set) var markedPassages: [String: Int] = [:]
    /// Per category with an answer reader: contracts with CUAD's answer; of those, where an answer was
    /// read from the best passage found, and where it is CUAD's.
    public private(set) var answers: [String: (labelled: Int, answered: Int, right: Int)] = [:]
    /// Candidates by stated probability, in tenths: how many, the sum of their probabilities, and how many
    /// hold a passage the lawyer marked for the category.
    public private(set) var calibration = [(passages: Int, probability: Double, marked: Int)](
        repeating: (0, 0, 0), count: 10)

    public init(categories: [String]) { self.categories = categories }

    /// Adds one contract: `clauses` found down to a low minimum score (every candidate), `thresholds`
    /// the operating point per category, `referenceFound` what searching for the names found.
    public mutating func add(
        _ contract: Contract, clauses: ContractClauses, thresholds: [String: Double], referenceFound: Set<String>
    ) {
        var found: [String: [(score: Double, text: String)]] = [:]
        var answers: [String: String] = [:]
        for category in clauses.categories {
            found[category.name] = category.passages.map { ($0.score, $0.text ?? "") }
            answers[category.name] = category.answer
        }
        add(contract, found: found, answers: answers, thresholds: thresholds, referenceFound: referenceFound)
    }

    /// Adds one contract's candidate passages per category, best first (another model's, such as the plain
    /// baseline's); `answers` nil: this model reads none, and answers are not counted.
    public mutating func add(
        _ contract: Contract, found: [String: [(score: Double, text: String)]], answers: [String: String]?,
        thresholds: [String: Double], referenceFound: Set<String>
    ) {
        for category in categories {
            let passages = found[category] ?? []
            let labelled = contract.present.contains(category)
            let best = passages.first?.score ?? 0
            presence[category, default: []].append((best, best >= (thresholds[category] ?? 1), labelled))
            reference[category, default: []].append((referenceFound.contains(category), labelled))
            let marked = (contract.passages[category] ?? []).map(Self.words).filter { !$0.isEmpty }
            markedPassages[category, default: 0] += marked.count
            var matched = Set<Int>()
            for passage in passages {
                let words = Self.words(passage.text)
                let hits = marked.indices.filter { Self.holds(words, marked[$0]) }
                let hit = hits.contains { !matched.contains($0) }
                matched.formUnion(hits)
                candidates[category, default: []].append((passage.score, hit))
                let bin = min(9, max(0, Int(passage.score * 10)))
                calibration[bin].passages += 1
                calibration[bin].probability += passage.score
                if !hits.isEmpty { calibration[bin].marked += 1 }
            }
            if let answers, let matches = ClauseAnswer.reader(for: category)?.matches,
                let cuad = contract.answers?[category]
            {
                self.answers[category, default: (0, 0, 0)].labelled += 1
                if best >= (thresholds[category] ?? 1), let answer = answers[category] {
                    self.answers[category]?.answered += 1
                    if matches(answer, cuad) { self.answers[category]?.right += 1 }
                }
            }
        }
    }

    // MARK: - The figures

    /// Average precision of contracts ranked by their best passage's score.
    public func presenceAP(_ category: String) -> Double? {
        Self.averagePrecision((presence[category] ?? []).map { ($0.score, $0.labelled) }, positives: nil)
    }

    public func presenceF1(_ category: String) -> Double? {
        Self.f1((presence[category] ?? []).map { ($0.found, $0.labelled) })
    }

    public func referenceF1(_ category: String) -> Double? { Self.f1(reference[category] ?? []) }

    public func passageAP(_ category: String) -> Double? {
        Self.averagePrecision(
            (candidates[category] ?? []).map { ($0.score, $0.hit) }, positives: markedPassages[category])
    }

    /// The best precision at which 80% of the marked passages are found (0 when they never are).
    public func precisionAt80(_ category: String) -> Double? {
        let total = markedPassages[category] ?? 0
        guard total > 0 else { return nil }
        var hits = 0, best = 0.0
        for (rank, candidate) in Self.ranked((candidates[category] ?? []).map { ($0.score, $0.hit) }).enumerated() {
            if candidate.positive { hits += 1 }
            if Double(hits) >= 0.8 * Double(total) { best = max(best, Double(hits) / Double(rank + 1)) }
        }
        return best
    }

    /// The mean over categories that have a figure.
    public func macro(_ figure: (String) -> Double?, over names: [String]? = nil) -> Double? {
        let values = (names ?? categories).compactMap(figure)
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// Categories the lawyer marked in some contract; for passages, without the entity-like ones.
    public var categoriesPresent: [String] { categories.filter { presence[$0]?.contains { $0.labelled } == true } }
    public var clauseCategoriesMarked: [String] {
        categories.filter { !Self.entityLike.contains($0) && (markedPassages[$0] ?? 0) > 0 }
    }

    /// The passage-weighted gap between the stated probability and the share that hold a marked passage,
    /// over the bins from `fromTenth` on (from 1: without the many candidates near 0, which hide the rest).
    public func calibrationError(fromTenth: Int = 0) -> Double {
        let bins = calibration[fromTenth...]
        let total = bins.reduce(0) { $0 + $1.passages }
        guard total > 0 else { return 0 }
        return bins.reduce(0) { sum, bin in
            guard bin.passages > 0 else { return sum }
            let stated = bin.probability / Double(bin.passages), share = Double(bin.marked) / Double(bin.passages)
            return sum + Double(bin.passages) / Double(total) * abs(stated - share)
        }
    }

    // MARK: - Counting

    /// Lower-cased runs of letters and digits.
    static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// Whether a found passage holds a marked one: at least half of the marked passage's word 3-grams
    /// (its words as one, when it has fewer than three), and at most 4× + 40 words long.
    static func holds(_ found: [String], _ marked: [String]) -> Bool {
        guard !marked.isEmpty, found.count <= 4 * marked.count + 40 else { return false }
        let markedGrams = Set(grams(marked)), foundGrams = Set(grams(found))
        return 2 * markedGrams.intersection(foundGrams).count >= markedGrams.count
    }

    private static func grams(_ words: [String]) -> [String] {
        guard words.count >= 3 else { return [words.joined(separator: " ")] }
        return (0...(words.count - 3)).map { words[$0..<($0 + 3)].joined(separator: " ") }
    }

    /// Average precision of the items ranked by score (ties keep their order); `positives` the
    /// number to be found (default: the positive items).
    static func averagePrecision(_ items: [(score: Double, positive: Bool)], positives: Int?) -> Double? {
        let total = positives ?? items.filter(\.positive).count
        guard total > 0 else { return nil }
        var hits = 0, sum = 0.0
        for (rank, item) in ranked(items).enumerated() where item.positive {
            hits += 1
            sum += Double(hits) / Double(rank + 1)
        }
        return sum / Double(total)
    }

    /// By score, best first; ties keep their order.
    static func ranked(_ items: [(score: Double, positive: Bool)]) -> [(score: Double, positive: Bool)] {
        items.indices.sorted { (items[$0].score, $1) > (items[$1].score, $0) }.map { items[$0] }
    }

    static func f1(_ decisions: [(found: Bool, labelled: Bool)]) -> Double? {
        let truePositives = decisions.filter { $0.found && $0.labelled }.count
        let errors = decisions.filter { $0.found != $0.labelled }.count
        guard decisions.contains(where: \.labelled) else { return nil }
        return Double(2 * truePositives) / Double(2 * truePositives + errors)
    }
}

/// The reference `make eval-clauses` measures the model against: what a reader finds by searching the
/// contract for the category's own name ("governing law", "non-compete", "audit rights"), any of its
/// names where CUAD gives several ("Rofr/Rofo/Rofn").
public enum ClauseNameSearch {
    public static func found(in text: String, categories: [String]) -> Set<String> {
        let lowered = text.lowercased()
        return Set(
            categories.filter { category in
                category.lowercased().split(separator: "/").contains { name in
                    let phrase = name.trimmingCharacters(in: .whitespaces)
                    return lowered.contains(phrase) || lowered.contains(phrase.replacingOccurrences(of: "-", with: " "))
                }
            })
    }
}
