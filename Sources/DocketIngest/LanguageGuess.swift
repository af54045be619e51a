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
        let ranked = hits(in: text, allowed: allowed)
        guard let best = ranked.first, best.1 >= minimumHits else { return nil }
        // A second language needs a share of its own, not a name or a quotation's few words.
        return ranked.prefix(2).filter { $0.1 * 4 >= best.1 && $0.1 * 2 >= minimumHits }.map(\.0)
    }

    /// Function words needed before a guess is trusted: a short paragraph's worth.
    static let minimumHits = 12

    /// The languages of a sample read only to choose a page's models (`OCRLanguageChoice`): as
    /// `languages(in:allowed:)`, or else the one language with half the hits when no other has a
    /// third of its count. A sample is a few lines, and lines of a table or of headings carry few
    /// function words (the middle of the sample IT services agreement: 8, all English). A wrong or
    /// short choice costs a second read, never text: the whole page's words are checked again
    /// (`rereading`).
    static func languages(inSample text: String, allowed: [String]) -> [String]? {
        if let languages = languages(in: text, allowed: allowed) { return languages }
        let ranked = hits(in: text, allowed: allowed)
        guard let best = ranked.first, best.1 * 2 >= minimumHits,
            ranked.dropFirst().allSatisfy({ $0.1 * 3 < best.1 })
        else { return nil }
        return [best.0]
    }

    /// Each allowed language that has a profile, with its function words in `text`, most first.
    private static func hits(in text: String, allowed: [String]) -> [(String, Int)] {
        var hits: [String: Int] = [:]
        let profiled = allowed.filter { profiles[$0] != nil }
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) where word.count <= 7 {
            for language in profiled where profiles[language]!.contains(String(word)) {
                hits[language, default: 0] += 1
            }
        }
        return profiled.map { ($0, hits[$0] ?? 0) }.sorted { $0.1 > $1.1 }
    }
}
