import Foundation

/// Scores clause detection on contracts a lawyer labelled (`make eval-clauses`): per category, whether
/// the contract holds it (precision, recall and F1 over contracts), and whether the best passage the
/// detector cites overlaps a passage the lawyer marked.
public struct ClauseEvaluation: Sendable {
    public struct Contract: Sendable, Codable {
        public var name: String
        public var text: String
        /// The categories the lawyer marked in this contract.
        public var present: [String]
        /// Per category, the UTF-8 byte spans of the marked passages.
        public var spans: [String: [[Int]]]
        /// CUAD's normalised answers, by category ("Governing Law": "Delaware").
        public var answers: [String: String]?
    }

    /// Per category with an answer reader: contracts with CUAD's answer; of those, where the detector
    /// cited a passage and an answer was read from it, and where that answer is CUAD's.
    public private(set) var answers: [String: (labelled: Int, answered: Int, right: Int)] = [:]

    public struct Tally: Sendable, Equatable {
        public var truePositives = 0, falsePositives = 0, falseNegatives = 0
        /// Contracts where the category is present and found, and of those, where the best cited
        /// passage overlaps a marked one.
        public var cited = 0, citedRight = 0

        public init() {}

        public var precision: Double? {
            truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives)
        }
        public var recall: Double? {
            truePositives + falseNegatives == 0 ? nil : Double(truePositives) / Double(truePositives + falseNegatives)
        }
        public var f1: Double? {
            let denominator = 2 * truePositives + falsePositives + falseNegatives
            return denominator == 0 ? nil : Double(2 * truePositives) / Double(denominator)
        }

        mutating func add(predicted: Bool, labelled: Bool) {
            switch (predicted, labelled) {
            case (true, true): truePositives += 1
            case (true, false): falsePositives += 1
            case (false, true): falseNegatives += 1
            case (false, false): break
            }
        }
    }

    /// Passages by stated probability, in tenths: how many, the sum of their probabilities, and how
    /// many overlap a passage the lawyer marked for the category (every category, every passage).
    public private(set) var calibration = [(passages: Int, probability: Double, marked: Int)](
        repeating: (0, 0, 0), count: 10)

    /// The passage-weighted gap between the stated probability and the share of marked passages, over
    /// the bins from `fromTenth` on (from 1: without the many passages stated near 0, which hide the rest).
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

    public private(set) var model: [String: Tally] = [:]
    public private(set) var reference: [String: Tally] = [:]
    public let categories: [String]

    public init(categories: [String]) { self.categories = categories }

    /// Adds one contract: `scores` from the detector, `thresholds` per category, `referenceFound` the
    /// categories the reference found.
    public mutating func add(
        _ contract: Contract, scores: [ClauseUnitScore], thresholds: [Float], referenceFound: Set<String>
    ) {
        let bytes = Array(contract.text.utf8)
        for (index, category) in categories.enumerated() {
            let marked = (contract.spans[category] ?? []).filter { $0.count == 2 }
            for unit in scores {
                let probability = Double(unit.probabilities[index])
                let bin = min(9, Int(probability * 10))
                calibration[bin].passages += 1
                calibration[bin].probability += probability
                if marked.contains(where: { $0[0] < unit.range.upperBound && unit.range.lowerBound < $0[1] }) {
                    calibration[bin].marked += 1
                }
            }
            let best = scores.max { $0.probabilities[index] < $1.probabilities[index] }
            let predicted = (best?.probabilities[index] ?? 0) >= thresholds[index]
            let labelled = contract.present.contains(category)
            model[category, default: Tally()].add(predicted: predicted, labelled: labelled)
            reference[category, default: Tally()].add(
                predicted: referenceFound.contains(category), labelled: labelled)
            if let reader = ClauseAnswer.reader(for: category), let cuad = contract.answers?[category] {
                answers[category, default: (0, 0, 0)].labelled += 1
                if predicted, let best,
                    let answer = reader.read(String(decoding: bytes[best.range], as: UTF8.self))
                {
                    answers[category]?.answered += 1
                    if reader.matches(answer, cuad) { answers[category]?.right += 1 }
                }
            }
            if predicted, labelled, let best, let spans = contract.spans[category], !spans.isEmpty {
                model[category]?.cited += 1
                let overlaps = spans.contains {
                    $0.count == 2 && $0[0] < best.range.upperBound && best.range.lowerBound < $0[1]
                }
                if overlaps { model[category]?.citedRight += 1 }
            }
        }
    }

    /// F1 over every (contract, category) decision.
    public static func microF1(_ tallies: [String: Tally]) -> Double? {
        var total = Tally()
        for tally in tallies.values {
            total.truePositives += tally.truePositives
            total.falsePositives += tally.falsePositives
            total.falseNegatives += tally.falseNegatives
        }
        return total.f1
    }

    /// The mean of the categories' F1, over the categories present in some contract or predicted.
    public static func macroF1(_ tallies: [String: Tally]) -> Double? {
        let scores = tallies.values.compactMap(\.f1)
        return scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count)
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
