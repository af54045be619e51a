import DocketDecide
import DocketModel

/// A report's contract summary, shared by the Markdown and HTML reports and `summary.csv`: per clause
/// category found, its answer and where it is (pages and heading); the categories looked for and not
/// found; and in which language they were looked for.
struct ClauseSummary {
    struct Row {
        var category: String
        var answer: String?
        /// "p. 3 · 7 Governing Law", then the other passages' pages.
        var citation: String
        var score: Double
        /// The passage cited first, for a link to it.
        var best: ContractClauses.Citation
    }

    let rows: [Row]
    let notFound: [String]
    /// What a reader should know about the language: the model was trained on English contracts.
    let languageNote: String

    init(_ clauses: ContractClauses) {
        rows = clauses.categories.compactMap { category in
            guard let best = category.passages.first else { return nil }
            let heading = best.headingPath.last.map { " · \($0)" } ?? ""
            // The pages of the next passages, each page once and not the best one's again.
            var others: [String] = []
            for passage in category.passages.dropFirst() where others.count < ContractClauses.citationsPerCategory - 1 {
                let pages = Self.pages(passage)
                if pages != Self.pages(best), !others.contains(pages) { others.append(pages) }
            }
            let also = others.isEmpty ? "" : " (also \(others.joined(separator: ", ")))"
            return Row(
                category: category.name, answer: category.answer, citation: Self.pages(best) + heading + also,
                score: best.score, best: best)
        }
        let found = Set(clauses.categories.map(\.name))
        notFound = CUADCategories.names.filter { !found.contains($0) }
        languageNote = Self.looked(clauses.language)
    }

    /// Which categories were looked for how, in the document's language.
    static func looked(_ language: String?) -> String {
        switch language {
        case "de", "fr":
            let name = language == "de" ? "German" : "French"
            return "Looked for in \(name): Governing Law, Agreement Date, Effective Date, Expiration Date (the term) "
                + "and Notice Period by rules written for \(name) contracts; the other categories by the clause "
                + "model, which was trained on English contracts and may miss them."
        case "en", nil: return "Looked for in English: CUAD's 41 categories, by the clause model."
        case let other?:
            return "Looked for by the clause model, trained on English contracts; this document's language is "
                + "\(other), so categories may be missed."
        }
    }

    static func pages(_ citation: ContractClauses.Citation) -> String {
        citation.firstPage == citation.lastPage
            ? "p. \(citation.firstPage)" : "pp. \(citation.firstPage)–\(citation.lastPage)"
    }

    /// summary.csv's cell for a category: the answer where there is one, else where the best passage is.
    static func cell(_ clauses: ContractClauses?, category: String) -> String {
        guard let found = clauses?.categories.first(where: { $0.name == category }), let best = found.passages.first
        else { return "" }
        return found.answer ?? pages(best)
    }
}
