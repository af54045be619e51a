import Foundation
import Synchronization

/// The dictionaries Debian ships (`wamerican`, `wngerman`, `wfrench`, installed by scripts/setup.sh):
/// the measure by which an OCR text must be clearly better than a text layer that only looked
/// broken before it replaces it. Loaded once per process, when a page first needs it.
public struct WordList: Sendable {
    static let files = [
        "eng": "/usr/share/dict/american-english", "deu": "/usr/share/dict/ngerman", "fra": "/usr/share/dict/french",
    ]
    let words: Set<String>

    /// The words of the OCR languages that have a dictionary here; nil when none has one.
    public init?(languages: [String]) {
        var words = Set<String>()
        for language in languages {
            guard let path = Self.files[language], let text = try? String(contentsOfFile: path, encoding: .utf8)
            else { continue }
            for line in text.split(separator: "\n") { words.insert(line.lowercased()) }
        }
        guard !words.isEmpty else { return nil }
        self.words = words
    }

    init(words: Set<String>) { self.words = words }

    private static let loaded = Mutex<[String: WordList?]>([:])

    /// The process's one list for these languages, loaded by the first OCR thread that asks (the
    /// others wait for it rather than load it again).
    public static func shared(languages: [String]) -> WordList? {
        loaded.withLock { cache in
            let key = languages.joined(separator: "+")
            if let list = cache[key] { return list }
            let list = WordList(languages: languages)
            cache[key] = list
            return list
        }
    }

    /// The share of a text's words (runs of two or more letters; glyph ids such as "(cid:36)" are no
    /// words) that the dictionaries know, and how many words there were.
    public func knownShare(_ text: String) -> (share: Double, words: Int) {
        var cleaned = text
        while let id = cleaned.range(of: #"\(cid:\d+\)"#, options: .regularExpression) {
            cleaned.replaceSubrange(id, with: " ")
        }
        let tokens: [Substring] = cleaned.split(whereSeparator: { !$0.isLetter }).filter { $0.count >= 2 }
        guard !tokens.isEmpty else { return (0, 0) }
        let known = tokens.filter { words.contains($0.lowercased()) }.count
        return (Double(known) / Double(tokens.count), tokens.count)
    }
}
