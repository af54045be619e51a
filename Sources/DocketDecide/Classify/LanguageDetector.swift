/// The language of a text, from how often each language's commonest words occur:
/// en, de, fr, es, it and nl. Returns nil for text too short to tell.
enum LanguageDetector {
    static let table: [String: [String]] = {
        var table: [String: [String]] = [:]
        for (language, words) in Lexicons.stopwords {
            for word in words { table[word, default: []].append(language) }
        }
        return table
    }()

    static func detect(_ words: [Word]) -> String? {
        var counts: [String: Int] = [:]
        for word in words.prefix(5_000) {
            guard let languages = table[word.lower] else { continue }
            for language in languages { counts[language, default: 0] += 1 }
        }
        guard let best = counts.max(by: { $0.value == $1.value ? $0.key > $1.key : $0.value < $1.value }),
            best.value >= 3
        else { return nil }
        return best.key
    }
}
