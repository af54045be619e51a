import DocketAudit
import DocketModel
import DocketRecords
import DocketSpec
import DocketStore
import Foundation

/// A run's clause grid: one row per document, one column per clause category picked, each cell the
/// category's answer ("Germany"), or "found" where the category has no answer, or "not found"; a cell a
/// reviewer overturned shows the reviewer's value. Read from the store a page at a time, filtered and sorted
/// there (`ClauseGridStore`), so that neither a page nor an export holds more than a page of rows.
public struct ClauseGrid: Sendable {
    public struct Cell: Sendable, Equatable {
        public enum State: String, Sendable {
            case answer, found
            case notFound = "not found"
            case notRead = "not read"
            case overturned
        }

        public var state: State
        /// What the cell says: the answer, the reviewer's value, or the state's words.
        public var text: String
        public var page: Int?
        public var span: Range<Int>?
        /// The finding's decision in the audit trail, to be contested; nil where nothing was found.
        public var decision: String?
        /// What the clause stage found, when a review overturned it.
        public var automated: String?
    }

    public struct Row: Sendable {
        public var name: String
        public var path: String
        public var sha256: String?
        public var cells: [Cell]
    }

    /// The review list of a transaction review, shown when the pipeline names none (`clause_grid:`).
    public static let defaultCategories = [
        "Parties", "Agreement Date", "Expiration Date", "Renewal Term", "Notice Period To Terminate Renewal",
        "Governing Law", "Change Of Control", "Anti-Assignment", "Termination For Convenience", "Exclusivity",
        "Non-Compete", "Cap On Liability", "Uncapped Liability",
    ]

    public let run: String
    public let categories: [String]
    public let query: ClauseGridQuery

    public init(run: String, categories: [String], query: ClauseGridQuery = ClauseGridQuery()) {
        self.run = run
        self.categories = categories
        self.query = query
    }

    /// The columns a person asked for, spelled as CUAD spells them (any case), in the order asked, each once.
    /// Empty: the pipeline's review list, or the default one.
    public static func categories(_ asked: [String], pipeline: PipelineSpec?) throws -> [String] {
        var picked: [String] = []
        for name in asked.map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let known = CUADCategories.names.first(where: { $0.lowercased() == name.lowercased() }) else {
                throw StoreError(
                    message: "no clause category \"\(name)\": the categories are CUAD's, e.g. \"Governing Law\" "
                        + "(docs/pipeline.md lists them)")
            }
            if !picked.contains(known) { picked.append(known) }
        }
        if !picked.isEmpty { return picked }
        let listed = pipeline?.clauseGrid ?? []
        return listed.isEmpty ? defaultCategories : listed
    }

    /// A filter as the command line writes it: `Governing Law=found`, `Change Of Control=missing`, or
    /// `Governing Law~germany` (the answer contains the text).
    public static func filter(_ text: String, pipeline: PipelineSpec?) throws -> ClauseGridQuery.Filter {
        let contains = text.firstIndex(of: "~")
        let equals = text.firstIndex(of: "=")
        guard let split = [contains, equals].compactMap({ $0 }).min() else {
            throw StoreError(
                message: "a filter is CATEGORY=found, CATEGORY=missing or CATEGORY~TEXT, not \"\(text)\"")
        }
        let category = try categories([String(text[..<split])], pipeline: pipeline)[0]
        let value = String(text[text.index(after: split)...]).trimmingCharacters(in: .whitespaces)
        if text[split] == "~" { return .init(category: category, condition: .answer(value)) }
        switch value.lowercased() {
        case "found": return .init(category: category, condition: .found)
        case "missing", "not found": return .init(category: category, condition: .missing)
        default:
            throw StoreError(message: "\(category)=\(value): say found or missing, or \(category)~TEXT for an answer")
        }
    }

    /// How many documents pass the filters.
    public func count(store: any RunStore) async throws -> Int {
        try await store.clauseGridCount(run: run, query: query)
    }

    /// At most `limit` rows from the `offset`th, in the query's order.
    public func rows(store: any RunStore, offset: Int, limit: Int) async throws -> [Row] {
        let documents = try await store.clauseGridDocuments(run: run, query: query, offset: offset, limit: limit)
        let cells = try await store.clauseCells(run: run, paths: documents.map(\.path))
        let decisions = documents.compactMap(\.sha256).flatMap { sha in
            categories.map { DecisionRecords.clauseID(run: run, document: sha, category: $0) }
        }
        let overturns = try await store.overturns(decisions: decisions)
        return documents.map { document in
            let found = Dictionary(
                (cells[document.path] ?? []).map { ($0.category, $0) }, uniquingKeysWith: { a, _ in a })
            return Row(
                name: (document.path as NSString).lastPathComponent, path: document.path, sha256: document.sha256,
                cells: categories.map { category in
                    Self.cell(
                        found[category], document: document, category: category, run: run, overturns: overturns)
                })
        }
    }

    /// Every row in order, `pageSize` at a time, for an export. Each page's query sorts the run's documents
    /// again when the grid is sorted (about a quarter of a second at 30,000, measured for one page): pages of a
    /// thousand rows keep an export to some thirty sorts, and its memory to a thousand rows.
    public func forEachPage(
        store: any RunStore, pageSize: Int = 1_000, _ body: ([Row]) async throws -> Void
    ) async throws {
        var offset = 0
        while true {
            let page = try await rows(store: store, offset: offset, limit: pageSize)
            if !page.isEmpty { try await body(page) }
            if page.count < pageSize { return }
            offset += page.count
        }
    }

    static func cell(
        _ found: ClauseCell?, document: RunDocument, category: String, run: String, overturns: [String: Challenge]
    ) -> Cell {
        guard let sha = document.sha256, document.error == nil else {
            return Cell(state: .notRead, text: Cell.State.notRead.rawValue)
        }
        let decision = DecisionRecords.clauseID(run: run, document: sha, category: category)
        var cell =
            found.map { found in
                Cell(
                    state: found.answer == nil ? .found : .answer, text: found.answer ?? Cell.State.found.rawValue,
                    page: found.firstPage, span: found.start..<found.end, decision: decision)
            } ?? Cell(state: .notFound, text: Cell.State.notFound.rawValue)
        if let overturn = overturns[decision] {
            cell.automated = cell.text
            cell.state = .overturned
            cell.text = Self.reviewed(overturn.resultJSON)
        }
        return cell
    }

    /// A reviewer's value as a cell shows it: a JSON string's text, other JSON as written.
    static func reviewed(_ resultJSON: String?) -> String {
        guard let resultJSON else { return "[erased]" }
        if let value = try? JSONSerialization.jsonObject(with: Data(resultJSON.utf8), options: [.fragmentsAllowed]),
            let text = value as? String
        {
            return text
        }
        return resultJSON
    }
}
