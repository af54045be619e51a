import DocketModel
import Foundation

/// The trained clause model (`make train-clauses`, `Sources/DocketDecide/Resources/clause-model.bin`):
/// per CUAD category two linear models, one over the features a passage has (binary) and one over their
/// TF-IDF, each with the weights of its strongest features; their logits standardised and averaged, and a
/// Platt scale that makes the average a probability. Trained on CUAD (The Atticus Project, CC BY 4.0).
///
/// The file is written by `scripts/clauses/train.py` (`write_model` says its layout): per category its fields,
/// per feature its table entry, then the weights in half precision; reading it is one pass.
public struct ClauseModel: Sendable {
    /// One of a category's two linear models: its bias, and the mean and deviation of its logits out of fold.
    struct Linear: Sendable {
        let bias: Float
        let mean: Float
        let deviation: Float

        /// The logit standardised, so that the two models weigh alike.
        @inline(__always)
        func standardised(_ logit: Float) -> Float { (logit - mean) / deviation }
    }

    public struct Category: Sendable {
        public let name: String
        let binary: Linear
        let tfidf: Linear
        let scale: Float
        let offset: Float
        /// A contract holds the category when its best passage reaches this probability (chosen in
        /// training for the best F1 on contracts held out from it).
        public let threshold: Float
    }

    public let categories: [Category]
    /// A short hash of the model file and the answer readers' revision: part of the rule-set version, so a new
    /// model or a changed reader re-decides.
    public let version: String
    let features: ClauseFeatureTable
    /// The weights of both models, feature after feature, and each one's category index (apart, so that the
    /// hot loop reads 5 bytes a weight, not a padded 8).
    let weights: [Float]
    let weightCategories: [UInt8]

    public enum LoadError: Error, CustomStringConvertible {
        case missing(String), malformed(String)
        public var description: String {
            switch self {
            case .missing(let path):
                "the clause model is missing at \(path): build Docket again (the file is part of the package)"
            case .malformed(let why):
                "the clause model is damaged (\(why)): run `make train-clauses` or check out again"
            }
        }
    }

    /// The model shipped with Docket, read once.
    public static let bundled: Result<ClauseModel, LoadError> = {
        let path = BundledResource.path(target: "DocketDecide", "clause-model.bin")
        guard let data = FileManager.default.contents(atPath: path) else { return .failure(.missing(path)) }
        return Result { try ClauseModel(data: data) }.mapError { $0 as? LoadError ?? .malformed("\($0)") }
    }()

    public init(data: Data) throws {
        let bytes = [UInt8](data)
        version = "cm-" + ContentHash.sha256(of: bytes).prefix(12) + "-a\(ClauseAnswer.revision)"
        var reader = Reader(bytes: bytes)
        guard reader.take(8) == Array("DKCLS004".utf8) else { throw LoadError.malformed("not a clause model") }
        let count = Int(try reader.uint32()), featureCount = Int(try reader.uint32())
        let weightCount = Int(try reader.uint32())
        guard count <= 255 else { throw LoadError.malformed("\(count) categories") }
        guard featureCount <= 4_000_000, weightCount <= 40_000_000 else {
            throw LoadError.malformed("\(featureCount) features, \(weightCount) weights")
        }
        var categories: [Category] = []
        for _ in 0..<count {
            let nameLength = Int(try reader.uint16())
            guard let nameBytes = reader.take(nameLength) else { throw LoadError.malformed("a name is cut short") }
            let fields = try (0..<9).map { _ in try reader.float() }
            guard fields[2] > 0, fields[5] > 0 else { throw LoadError.malformed("a deviation is not positive") }
            categories.append(
                Category(
                    name: String(decoding: nameBytes, as: UTF8.self),
                    binary: Linear(bias: fields[0], mean: fields[1], deviation: fields[2]),
                    tfidf: Linear(bias: fields[3], mean: fields[4], deviation: fields[5]), scale: fields[6],
                    offset: fields[7], threshold: fields[8]))
        }
        // Per feature 8 bytes (hash, idf, how many weights of each model); then each weight's value (2 bytes),
        // then each weight's category (1 byte), feature after feature, binary before TF-IDF.
        let entriesStart = reader.position, valuesStart = entriesStart + 8 * featureCount
        let categoriesStart = valuesStart + 2 * weightCount
        guard categoriesStart + weightCount == bytes.count else { throw LoadError.malformed("its size is wrong") }
        var entries: [ClauseFeatureTable.Entry] = []
        entries.reserveCapacity(featureCount)
        var weights: [Float] = []
        weights.reserveCapacity(weightCount)
        try bytes.withUnsafeBytes { raw in
            func half(_ at: Int) -> Float {
                Float(Float16(bitPattern: UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt16.self))))
            }
            var next = 0
            for at in stride(from: entriesStart, to: valuesStart, by: 8) {
                let binaryCount = Int(raw[at + 6]), tfidfCount = Int(raw[at + 7])
                guard next + binaryCount + tfidfCount <= weightCount else {
                    throw LoadError.malformed("a feature's weights lie outside the file")
                }
                entries.append(
                    ClauseFeatureTable.Entry(
                        key: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)),
                        idf: half(at + 4), start: Int32(next), binaryCount: UInt8(binaryCount),
                        tfidfCount: UInt8(tfidfCount)))
                next += binaryCount + tfidfCount
            }
            guard next == weightCount else { throw LoadError.malformed("its features and weights disagree") }
            for index in 0..<weightCount { weights.append(half(valuesStart + 2 * index)) }
        }
        let weightCategories = Array(bytes[categoriesStart...])
        guard weightCategories.allSatisfy({ Int($0) < count }) else {
            throw LoadError.malformed("a weight names no category")
        }
        self.categories = categories
        self.features = ClauseFeatureTable(entries)
        self.weights = weights
        self.weightCategories = weightCategories
    }

    /// Little-endian fields read one after another; a file cut short is an error, never a crash.
    struct Reader {
        let bytes: [UInt8]
        var position = 0

        mutating func take(_ count: Int) -> [UInt8]? {
            guard count >= 0, position + count <= bytes.count else { return nil }
            defer { position += count }
            return Array(bytes[position..<(position + count)])
        }

        mutating func uint32() throws -> UInt32 {
            guard let field = take(4) else { throw LoadError.malformed("cut short") }
            return field.reversed().reduce(0) { $0 << 8 | UInt32($1) }
        }

        mutating func uint16() throws -> UInt16 {
            guard let field = take(2) else { throw LoadError.malformed("cut short") }
            return UInt16(field[0]) | UInt16(field[1]) << 8
        }

        mutating func float() throws -> Float { Float(bitPattern: try uint32()) }
    }
}
