import DocketModel

/// What kind of document it is: phrases in the title and opening count five times, phrases
/// anywhere once; the best score wins, and a document matching nothing is `other`.
enum DocumentTypeClassifier {
    static let matcher = PhraseMatcher<DocumentType>(
        Lexicons.documentTypes.flatMap { type, phrases in phrases.map { ($0, type, 1.0) } })

    static func classify(_ words: [Word]) -> DocumentType {
        var scores: [DocumentType: Double] = [:]
        for match in matcher.matches(in: words) {
            let weight = match.first < 60 ? 5.0 : 1.0
            scores[match.label, default: 0] += weight * Double(match.last - match.first + 1)
        }
        guard
            let best = scores.max(by: { $0.value == $1.value ? $0.key.rawValue > $1.key.rawValue : $0.value < $1.value }
            ),
            best.value >= 2
        else { return .other }
        return best.key
    }
}
