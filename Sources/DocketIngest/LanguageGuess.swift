/// Which languages a page's text is written in, from its most common short words. Good enough to
/// choose tesseract's models: it needs tens of words, not a sentence-level classifier, and it reads
/// OCR text made with another Latin-script model almost as well as a clean text layer.
enum LanguageGuess {
    /// Frequent function words of each language, none in two of these lists: a word two languages
    /// share is left out ("in", "a") or given to the one whose legal texts use it most ("die", "de").
    static let profiles: [String: Set<String>] = [
        "eng": [
            "the", "and", "of", "to", "is", "that", "with", "for", "shall", "this", "be", "by", "or", "any",
            "such", "which", "will", "are", "from", "not", "as", "on", "its", "have", "other", "under",
        ],
        "deu": [
            "der", "die", "das", "und", "nicht", "mit", "für", "ist", "von", "den", "dem", "zu", "eine",
            "einer", "wird", "oder", "sich", "auf", "bei", "im", "nach", "werden", "ein", "vom", "zur", "sind",
        ],
        "fra": [
            "le", "de", "la", "les", "et", "des", "du", "une", "est", "pour", "par", "dans", "qui", "sur", "aux",
            "au", "sont", "ne", "pas", "ou", "ce", "cette", "être", "son", "ses", "leur", "tout",
        ],
        "spa": [
            "el", "los", "las", "del", "y", "para", "una", "por", "lo", "como", "más", "su", "sus",
            "al", "se", "es", "sin", "sobre", "entre",
        ],
        "ita": [
            "il", "gli", "della", "delle", "dei", "che", "di", "è", "non", "per", "nel", "nella",
            "alla", "sono", "questo", "essere", "ai", "degli",
        ],
        "nld": [
            "het", "een", "van", "en", "op", "voor", "niet", "zijn", "dat", "wordt", "bij", "naar", "ook",
            "deze", "aan", "worden", "dan", "tot",
        ],
    ]

    /// The allowed languages the text is in: the best, and the second when it has a quarter of the
    /// best one's hits and half the minimum (a bilingual contract gets both). Nil when the text has too
    /// few function words to tell.
    static func languages(in text: String, allowed: [String]) -> [String]? {
        var hits: [String: Int] = [:]
        let profiled = allowed.filter { profiles[$0] != nil }
        guard !profiled.isEmpty else { return nil }
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) where word.count <= 7 {
            for language in profiled where profiles[language]!.contains(String(word)) {
                hits[language, default: 0] += 1
            }
        }
        let ranked = profiled.map { ($0, hits[$0] ?? 0) }.sorted { $0.1 > $1.1 }
        guard let best = ranked.first, best.1 >= minimumHits else { return nil }
        // A second language needs a share of its own, not a name or a quotation's few words.
        return ranked.prefix(2).filter { $0.1 * 4 >= best.1 && $0.1 * 2 >= minimumHits }.map(\.0)
    }

    /// Function words needed before a guess is trusted: a short paragraph's worth.
    static let minimumHits = 12
}
