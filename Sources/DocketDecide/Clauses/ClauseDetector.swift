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
        let count = model.categories.count
        // Per category, the two models' sums for the passage at hand; plain buffers, written in the hot loop.
        let binary = UnsafeMutableBufferPointer<Float>.allocate(capacity: count)
        let tfidf = UnsafeMutableBufferPointer<Float>.allocate(capacity: count)
        defer {
            binary.deallocate()
            tfidf.deallocate()
        }
        var features: [UInt32] = [], distinct: [UInt32] = [], times: [Int] = []
        var found: [ClauseFeatureTable.Entry] = []
        features.reserveCapacity(256)
        return text.withUTF8 { bytes in
            model.weights.withUnsafeBufferPointer { weights in
                model.weightCategories.withUnsafeBufferPointer { categories in
                    ClauseUnits.units(bytes).map { unit in
                        features.removeAll(keepingCapacity: true)
                        ClauseFeatures.forEach(in: bytes, unit.range) { features.append($0) }
                        ClauseFeatures.forEachHeadingWord(in: bytes, unit.heading) { features.append($0) }
                        // Sorted, a feature's occurrences stand together: the binary model counts it once, TF-IDF
                        // how often.
                        features.sort()
                        binary.update(repeating: 0)
                        tfidf.update(repeating: 0)
                        var normSquared: Float = 0
                        // Each distinct feature once, with how often it occurs.
                        distinct.removeAll(keepingCapacity: true)
                        times.removeAll(keepingCapacity: true)
                        for feature in features {
                            if distinct.last == feature {
                                times[times.count - 1] += 1
                            } else {
                                distinct.append(feature)
                                times.append(1)
                            }
                        }
                        if found.count < distinct.count { found = Array(repeating: .init(), count: distinct.count) }
                        distinct.withUnsafeBufferPointer { keys in
                            found.withUnsafeMutableBufferPointer { model.features.lookUp(keys, into: $0) }
                        }
                        for index in distinct.indices where !found[index].isEmpty {
                            let known = found[index]
                            var position = Int(known.start)
                            for _ in 0..<known.binaryCount {
                                binary[Int(categories[position])] += weights[position]
                                position += 1
                            }
                            guard known.idf > 0 else { continue }
                            let value = (times[index] == 1 ? 1 : 1 + log(Float(times[index]))) * known.idf
                            normSquared += value * value
                            for _ in 0..<known.tfidfCount {
                                tfidf[Int(categories[position])] += weights[position] * value
                                position += 1
                            }
                        }
                        let norm = normSquared > 0 ? normSquared.squareRoot() : 1
                        let probabilities = (0..<count).map { index in
                            let category = model.categories[index]
                            let combined =
                                (category.binary.standardised(category.binary.bias + binary[index])
                                    + category.tfidf.standardised(category.tfidf.bias + tfidf[index] / norm)) / 2
                            return 1 / (1 + exp(-(category.scale * combined + category.offset)))
                        }
                        return ClauseUnitScore(range: unit.range, probabilities: probabilities)
                    }
                }
            }
        }
    }
}
