import DocketAudit
import DocketRecords
import Foundation

/// What a person looks for: words (`liability`), phrases (`"change of control"`) and prefixes (`terminat*`),
/// all of which a page must hold. Only letters and digits are kept of each, lower-cased: nothing a person
/// types reaches the store's query syntax but those.
public struct SearchTerms: Sendable, Equatable {
    public enum Term: Sendable, Equatable {
        /// One word, or several read together as a phrase ("co-operate" is "co operate").
        case words([String])
        case prefix(String)
    }

    public var terms: [Term]

    public init(_ text: String) {
        var terms: [Term] = []
        var rest = Substring(text)
        while let quote = rest.firstIndex(of: "\"") {
            terms += Self.words(rest[..<quote])
            let after = rest.index(after: quote)
            let end = rest[after...].firstIndex(of: "\"") ?? rest.endIndex
            let phrase = Self.tokens(rest[after..<end])
            if !phrase.isEmpty { terms.append(.words(phrase)) }
            rest = end < rest.endIndex ? rest[rest.index(after: end)...] : ""
        }
        terms += Self.words(rest)
        self.terms = terms
    }

    public var isEmpty: Bool { terms.isEmpty }

    static func words(_ text: Substring) -> [Term] {
        text.split(whereSeparator: \.isWhitespace).compactMap { word in
            let tokens = tokens(word)
            guard !tokens.isEmpty else { return nil }
            if word.hasSuffix("*"), tokens.count == 1 { return .prefix(tokens[0]) }
            return .words(tokens)
        }
    }

    static func tokens(_ text: Substring) -> [String] {
        text.split { !($0.isLetter || $0.isNumber) }.map { $0.lowercased() }
    }

    /// The words a page view marks: every word of the terms, and the prefixes.
    public var markedWords: [String] {
        terms.flatMap { term -> [String] in
            switch term {
            case .words(let words): words
            case .prefix(let prefix): [prefix]
            }
        }
    }
}

/// Which documents a search looks in: those of `runs` (nil: every run, for those who see every run), narrowed
/// by the run, its pipeline, the document's type, language and level, its clause categories (found, not
/// found, an answer that contains a text), as the clause grid filters them, whether a person contested a
/// decision about the document in that run and how it stands, the submission it came with, and the types of
/// personal data found in it.
public struct SearchQuery: Sendable {
    public enum Review: String, Sendable, CaseIterable {
        /// A decision about the document was contested (whatever came of it).
        case contested
        /// A challenge waits for a reviewer.
        case open
        case upheld
        case overturned
        /// No decision about the document was contested.
        case uncontested

        /// The state as a person names it, or why that is none.
        public static func named(_ name: String) throws -> Review {
            guard let review = Review(rawValue: name) else {
                throw StoreError(message: "review is one of " + allCases.map(\.rawValue).joined(separator: ", "))
            }
            return review
        }

        /// The challenges' status it asks for; nil for contested or not at all.
        var status: Challenge.Status? {
            switch self {
            case .open: .open
            case .upheld: .upheld
            case .overturned: .overturned
            case .contested, .uncontested: nil
            }
        }
    }

    public var terms: SearchTerms
    public var runs: [String]?
    public var run: String?
    public var pipeline: String?
    public var documentType: String?
    public var language: String?
    public var level: String?
    public var clauses: [ClauseGridQuery.Filter]
    public var review: Review?
    /// Only the documents handed in with this submission.
    public var submission: String?
    /// Only documents where the detectors found each of these types (`iban`, `person`, …).
    public var findingTypes: [String] = []

    public init(
        terms: SearchTerms, runs: [String]? = nil, run: String? = nil, pipeline: String? = nil,
        documentType: String? = nil, language: String? = nil, level: String? = nil,
        clauses: [ClauseGridQuery.Filter] = [], review: Review? = nil
    ) {
        self.review = review
        self.terms = terms
        self.runs = runs
        self.run = run
        self.pipeline = pipeline
        self.documentType = documentType
        self.language = language
        self.level = level
        self.clauses = clauses
    }
}

/// A page that holds what was looked for, in a document of a run.
public struct SearchHit: Sendable, Equatable {
    public var run: String
    public var path: String
    public var sha256: String
    public var page: Int
    /// A few words around the match; each match between `SearchHit.markStart` and `SearchHit.markEnd`.
    public var snippet: String

    public static let markStart = "\u{2}"
    public static let markEnd = "\u{3}"

    /// The snippet for a terminal or JSON: each match [between brackets], on one line.
    public var bracketed: String {
        snippet.replacingOccurrences(of: Self.markStart, with: "[").replacingOccurrences(of: Self.markEnd, with: "]")
            .replacingOccurrences(of: "\n", with: " ")
    }

    public init(run: String, path: String, sha256: String, page: Int, snippet: String) {
        self.run = run
        self.path = path
        self.sha256 = sha256
        self.page = page
        self.snippet = snippet
    }
}

/// Full-text search over the pages of a run's documents: SQLite's FTS5 (words folded to lower case without
/// diacritics), PostgreSQL's `tsvector` in the document's language (english, german, french; `simple` for the
/// others). The index is inside the store, private like it, and erased with the document.
public protocol SearchStore: Sendable {
    /// At most `limit` hits from the `offset`th, best first.
    func search(_ query: SearchQuery, offset: Int, limit: Int) async throws -> [SearchHit]
}
