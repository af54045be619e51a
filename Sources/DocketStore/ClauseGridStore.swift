import DocketDecide
import DocketRecords

/// One clause category found in one document of a run: its answer (when the category has one, e.g.
/// "Germany" for Governing Law) and where its best passage is. A category not found has no cell.
public struct ClauseCell: Sendable, Equatable {
    public var category: String
    public var answer: String?
    public var firstPage: Int
    /// UTF-8 byte offsets of the passage into the document text (pages joined by form feeds).
    public var start: Int
    public var end: Int

    public init(category: String, answer: String?, firstPage: Int, start: Int, end: Int) {
        self.category = category
        self.answer = answer
        self.firstPage = firstPage
        self.start = start
        self.end = end
    }
}

/// Which documents of a run the clause grid shows, and in which order. Every value reaches the store as a
/// bound parameter.
public struct ClauseGridQuery: Sendable, Equatable {
    public enum Condition: Sendable, Equatable {
        case found
        case missing
        /// Found, with an answer that contains this text (case-insensitive for ASCII letters).
        case answer(String)
    }

    public struct Filter: Sendable, Equatable {
        public var category: String
        public var condition: Condition

        public init(category: String, condition: Condition) {
            self.category = category
            self.condition = condition
        }
    }

    public var filters: [Filter]
    /// The category whose column orders the rows: documents where it was found first, by answer, then the
    /// others; by path within each. Nil: by path.
    public var sort: String?
    public var descending: Bool

    public init(filters: [Filter] = [], sort: String? = nil, descending: Bool = false) {
        self.filters = filters
        self.sort = sort
        self.descending = descending
    }
}

/// The clause grid's reads: a run's documents filtered and sorted by their clause cells, a page at a time,
/// and the cells of a page's documents. The cells are written with each document's plan (`savePlan`,
/// `ClauseCellStatements`).
public protocol ClauseGridStore: Sendable {
    /// At most `limit` documents of the run (path, hash, error; no plans) that pass `query`'s filters, in its
    /// order, from the `offset`th.
    func clauseGridDocuments(
        run: String, query: ClauseGridQuery, offset: Int, limit: Int
    ) async throws
        -> [RunDocument]
    /// How many documents of the run pass `query`'s filters.
    func clauseGridCount(run: String, query: ClauseGridQuery) async throws -> Int
    /// The cells of these documents of the run (by path), every category found.
    func clauseCells(run: String, paths: [String]) async throws -> [String: [ClauseCell]]
}

extension ClauseCell {
    /// The cells of a document's plan: each category with a passage, at its best one.
    static func cells(of plan: DocumentPlan) -> [ClauseCell] {
        (plan.clauses?.categories ?? []).compactMap { category in
            category.passages.first.map {
                ClauseCell(
                    category: category.name, answer: category.answer, firstPage: $0.firstPage, start: $0.start,
                    end: $0.end)
            }
        }
    }
}
