import DocketModel
import Foundation

/// The trained clause model (`make train-clauses`, `Sources/DocketDecide/Resources/clause-model.bin`):
/// per CUAD category a bias, the weights of its strongest features and a Platt scale that makes a
/// passage's score a probability. Trained on CUAD (The Atticus Project, CC BY 4.0).
///
/// The file, little-endian: "DKCLS002", the number of categories; per category its name (UInt16
/// length, UTF-8), bias, Platt scale and offset, presence threshold (Float32), the number of weights
/// (UInt32) and that many (feature hash UInt32, weight Float32).
public struct ClauseModel: Sendable {
    public struct Category: Sendable {
        public let name: String
        let bias: Float
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
    /// Per feature hash, where its weights are in `weightCategories` and `weightValues`.
    let weightRanges: [UInt32: Range<Int32>]
    let weightCategories: [UInt8]
    let weightValues: [Float]

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
        version = "cm-" + ContentHash.sha256(of: [UInt8](data)).prefix(12) + "-a\(ClauseAnswer.revision)"
        var reader = Reader(bytes: [UInt8](data))
        guard reader.take(8) == Array("DKCLS002".utf8) else { throw LoadError.malformed("not a clause model") }
        let count = try reader.uint32()
        guard count <= 255 else { throw LoadError.malformed("\(count) categories") }
        var categories: [Category] = []
        var byFeature: [UInt32: [(UInt8, Float)]] = [:]
        for index in 0..<Int(count) {
            let nameLength = Int(try reader.uint16())
            guard let nameBytes = reader.take(nameLength) else { throw LoadError.malformed("a name is cut short") }
            let bias = try reader.float(), scale = try reader.float(), offset = try reader.float()
            let threshold = try reader.float()
            let weights = try reader.uint32()
            guard weights <= 1_000_000 else { throw LoadError.malformed("\(weights) weights") }
            for _ in 0..<weights {
                let feature = try reader.uint32(), weight = try reader.float()
                byFeature[feature, default: []].append((UInt8(index), weight))
            }
            categories.append(
                Category(
                    name: String(decoding: nameBytes, as: UTF8.self), bias: bias, scale: scale, offset: offset,
                    threshold: threshold))
        }
        var ranges: [UInt32: Range<Int32>] = [:]
        var weightCategories: [UInt8] = [], weightValues: [Float] = []
        for (feature, entries) in byFeature {
            let start = Int32(weightValues.count)
            for (category, weight) in entries {
                weightCategories.append(category)
                weightValues.append(weight)
            }
            ranges[feature] = start..<Int32(weightValues.count)
        }
        self.categories = categories
        self.weightRanges = ranges
        self.weightCategories = weightCategories
        self.weightValues = weightValues
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
