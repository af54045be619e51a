import DocketModel

/// GDPR Art. 9 special categories and Art. 10 criminal data, from the lexicons.
enum CategoryDetector {
    static let matcher = PhraseMatcher<FindingType>(
        Lexicons.specialCategories.flatMap { type, terms in terms.map { ($0.0, type, $0.1) } })

    static func detect(_ words: [Word], into findings: inout [Finding]) {
        for match in matcher.matches(in: words) {
            findings.append(
                Finding(
                    type: match.label.rawValue, start: words[match.first].start, end: words[match.last].end,
                    confidence: match.weight))
        }
    }
}
