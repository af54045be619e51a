import Foundation

/// A passage of a contract and how likely it holds each clause category.
public struct ClauseUnitScore: Sendable {
    /// UTF-8 byte offsets into the text.
    public let range: Range<Int>
    /// Per category of the model, in its order: the probability that the passage holds it.
    public let probabilities: [Float]
}

/// Finds CUAD's clause categories in a contract's text, passage by passage, with the trained linear
/// model (`ClauseModel`): deterministic, in process, no GPU.
public struct ClauseDetector: Sendable {
    public let model: ClauseModel
    /// A passage holds a category from this probability on; nil: each category's own threshold
    /// (`ContractClauses` applies it).
    public var threshold: Float?

    public init(model: ClauseModel) { self.model = model }

    public func scores(in text: String) -> [ClauseUnitScore] {
        var text = text
        return text.withUTF8 { bytes in
            var features: [UInt32] = []
            features.reserveCapacity(256)
            var logits = [Float](repeating: 0, count: model.categories.count)
            return ClauseUnits.units(bytes).map { unit in
                let range = unit.range
                features.removeAll(keepingCapacity: true)
                ClauseFeatures.forEach(in: bytes, range) { features.append($0) }
                ClauseFeatures.forEachHeadingWord(in: bytes, unit.heading) { features.append($0) }
                // A feature counts once per passage, as in training.
                features.sort()
                for (index, category) in model.categories.enumerated() { logits[index] = category.bias }
                var previous: UInt32? = nil
                for feature in features where feature != previous {
                    previous = feature
                    guard let weights = model.weightRanges[feature] else { continue }
                    for position in Int(weights.lowerBound)..<Int(weights.upperBound) {
                        logits[Int(model.weightCategories[position])] += model.weightValues[position]
                    }
                }
                let probabilities = model.categories.indices.map { index in
                    let category = model.categories[index]
                    return 1 / (1 + exp(-(category.scale * logits[index] + category.offset)))
                }
                return ClauseUnitScore(range: range, probabilities: probabilities)
            }
        }
    }
}
