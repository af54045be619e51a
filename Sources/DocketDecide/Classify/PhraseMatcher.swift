/// Finds lexicon terms in a list of words: exact words and phrases, and word stems ("krank*").
struct PhraseMatcher<Label: Hashable & Sendable>: Sendable {
    struct Term: Sendable {
        var words: [String]
        /// The last word is a prefix, not a whole word.
        var stem: Bool
        var label: Label
        var weight: Double
    }

    private var byFirstWord: [String: [Term]] = [:]
    /// Single-word stems, keyed by their first three characters.
    private var stems: [String: [Term]] = [:]

    init(_ terms: [(String, Label, Double)]) {
        for (text, label, weight) in terms {
            let stem = text.hasSuffix("*")
            // Split as the text is split, so "non-disclosure" matches the words "non" "disclosure".
            let words = WordScanner.words(Array((stem ? String(text.dropLast()) : text).utf8), indexed: false).map(
                \.lower)
            guard !words.isEmpty else { continue }
            let term = Term(words: words, stem: stem, label: label, weight: weight)
            if stem && words.count == 1 {
                stems[String(words[0].prefix(3)), default: []].append(term)
            } else {
                byFirstWord[words[0], default: []].append(term)
            }
        }
    }

    /// Every match: its label, weight and the range of words it covers.
    func matches(in words: [Word]) -> [(label: Label, weight: Double, first: Int, last: Int)] {
        var found: [(Label, Double, Int, Int)] = []
        for index in words.indices {
            let flags = words[index].flags
            guard !flags.isDisjoint(with: [.phraseStart, .mayStem]) else { continue }
            let word = words[index].lower
            if flags.contains(.phraseStart), let terms = byFirstWord[word] {
                for term in terms where matches(term, words, at: index) {
                    found.append((term.label, term.weight, index, index + term.words.count - 1))
                }
            }
            if flags.contains(.mayStem), let terms = stems[String(word.prefix(3))] {
                for term in terms where word.hasPrefix(term.words[0]) {
                    found.append((term.label, term.weight, index, index))
                }
            }
        }
        return found
    }

    private func matches(_ term: Term, _ words: [Word], at index: Int) -> Bool {
        guard index + term.words.count <= words.count else { return false }
        for (offset, expected) in term.words.enumerated().dropFirst() {
            let actual = words[index + offset].lower
            let isLast = offset == term.words.count - 1
            if isLast && term.stem ? !actual.hasPrefix(expected) : actual != expected { return false }
        }
        return true
    }
}
