import DocketModel
import DocketSpec

/// What a document is, decided once from its whole text.
public struct DocumentProfile: Sendable, Codable, Equatable {
    public var type: DocumentType
    /// ISO 639-1 code, or nil when the text is too short to tell.
    public var language: String?
}

/// Runs every detector over a text. Pure and deterministic: text in, findings out.
public struct Classifier: Sendable {
    public let taxonomy: TaxonomySpec
    private let custom: [CustomDetector]

    public init(taxonomy: TaxonomySpec) {
        self.taxonomy = taxonomy
        self.custom = taxonomy.detectors.map(CustomDetector.init)
    }

    /// Type and language from the document's first 8 KB: the title and opening decide the
    /// type, and a few thousand words the language; reading the rest again costs without telling more.
    public func profile(of text: String) -> DocumentProfile {
        let words = WordScanner.words(Array(text.utf8.prefix(8_192)))
        return DocumentProfile(type: DocumentTypeClassifier.classify(words), language: LanguageDetector.detect(words))
    }

    /// Findings sorted by position; offsets are UTF-8 byte offsets into `text`.
    public func findings(in text: String) -> [Finding] {
        let bytes = Array(text.utf8)
        var findings: [Finding] = []
        IdentifierDetector.detect(bytes, into: &findings)
        EmailDetector.detect(bytes, into: &findings)
        NetworkAddressDetector.detect(bytes, into: &findings)
        PhoneDetector.detect(bytes, into: &findings)
        let words = WordScanner.words(bytes)
        NameDetector.detect(words, bytes: bytes, into: &findings)
        AddressDetector.detect(words, bytes: bytes, into: &findings)
        PersonDetector.detect(words, bytes: bytes, taken: findings, into: &findings)
        DateOfBirthDetector.detect(words, bytes: bytes, into: &findings)
        CategoryDetector.detect(words, into: &findings)
        MarkingDetector.detect(words, bytes: bytes, into: &findings)
        for detector in custom { detector.detect(text, bytes: bytes, into: &findings) }
        return findings.sorted { ($0.start, $0.end, $0.type) < ($1.start, $1.end, $1.type) }
    }
}

/// A chunk's sensitivity: the highest level among the taxonomy rules its findings (or its
/// document's type) satisfy, or the default level when none does.
public struct SensitivityDecision: Sendable, Codable, Equatable {
    public var level: String
    /// The classification rules that matched, by name; empty when the default applied.
    public var rules: [String]
}

public enum SensitivityPolicy {
    public static func decide(
        findings: [Finding], documentType: DocumentType, taxonomy: TaxonomySpec
    ) -> SensitivityDecision {
        let present = Set(findings.filter { $0.confidence >= taxonomy.minConfidence }.map(\.type))
        var level = taxonomy.defaultLevel
        var matched: [String] = []
        for rule in taxonomy.rules {
            let categories = FindingType.expandCategories(rule.categories)
            let hit =
                rule.detectors.contains(where: present.contains) || categories.contains(where: present.contains)
                || rule.markings.contains(where: present.contains) || rule.documentTypes.contains(documentType.rawValue)
            guard hit else { continue }
            matched.append(rule.name)
            if (taxonomy.rank(of: rule.level) ?? 0) > (taxonomy.rank(of: level) ?? 0) { level = rule.level }
        }
        return SensitivityDecision(level: level, rules: matched)
    }

    /// A document is as sensitive as its most sensitive chunk.
    public static func documentLevel(_ chunkLevels: [String], taxonomy: TaxonomySpec) -> String {
        chunkLevels.max { (taxonomy.rank(of: $0) ?? 0) < (taxonomy.rank(of: $1) ?? 0) } ?? taxonomy.defaultLevel
    }
}
