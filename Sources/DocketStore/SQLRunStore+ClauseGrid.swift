import DocketDecide
import DocketModel
import DocketRecords

extension SQLRunStore: ClauseGridStore {
    public func clauseGridDocuments(
        run: String, query: ClauseGridQuery, offset: Int, limit: Int
    ) async throws -> [RunDocument] {
        var (conditions, values) = Self.gridConditions(run: run, query: query)
        var join = ""
        var order = "d.path \(query.descending ? "DESC" : "ASC")"
        if let sort = query.sort {
            values.append(sort)
            join = """
                LEFT JOIN clause_cells s ON s.run_id = d.run_id AND s.path = d.path AND s.category = $\(values.count)
                """
            // Documents where the category was found come first, whichever the direction.
            let direction = query.descending ? "DESC" : "ASC"
            order = """
                CASE WHEN s.category IS NULL THEN 1 ELSE 0 END, lower(coalesce(s.answer, '')) \(direction), \
                d.path \(direction)
                """
        }
        values += [max(0, limit), max(0, offset)]
        // The page's paths first, from the indexes alone; then those documents' rows: sorting whole rows would
        // read every document's row of the run (measured: 205 ms for a filtered, sorted page at 10,000).
        let paths = try await executor.query(
            """
            SELECT d.path FROM run_documents d \(join) WHERE \(conditions)
            ORDER BY \(order) LIMIT $\(values.count - 1) OFFSET $\(values.count)
            """, values
        ).compactMap { $0.text("path") }
        guard !paths.isEmpty else { return [] }
        let rows = try await executor.query(
            """
            SELECT path, sha256, error_json FROM run_documents
            WHERE run_id = $1 AND path IN (\(Self.placeholders(paths.count, from: 2)))
            """, [run] + paths
        ).map(Self.runDocument)
        let byPath = Dictionary(rows.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        return paths.compactMap { byPath[$0] }
    }

    public func clauseGridCount(run: String, query: ClauseGridQuery) async throws -> Int {
        let (conditions, values) = Self.gridConditions(run: run, query: query)
        return try await executor.count("SELECT COUNT(*) AS n FROM run_documents d WHERE \(conditions)", values)
    }

    public func clauseCells(run: String, paths: [String]) async throws -> [String: [ClauseCell]] {
        var cells: [String: [ClauseCell]] = [:]
        var start = 0
        while start < paths.count {
            let slice = Array(paths[start..<min(paths.count, start + 500)])
            start += slice.count
            for row in try await executor.query(
                "SELECT * FROM clause_cells WHERE run_id = $1 AND path IN (\(Self.placeholders(slice.count, from: 2)))",
                [run] + slice
            ) {
                cells[row.text("path") ?? "", default: []].append(
                    ClauseCell(
                        category: row.text("category") ?? "", answer: row.text("answer"),
                        firstPage: Int(row.integer("first_page") ?? 0), start: Int(row.integer("start_offset") ?? 0),
                        end: Int(row.integer("end_offset") ?? 0)))
            }
        }
        return cells
    }

    /// The `WHERE` of a grid's documents: the run, then the clause filters.
    private static func gridConditions(run: String, query: ClauseGridQuery) -> (String, [any SQLBindable]) {
        var values: [any SQLBindable] = [run]
        let conditions = ["d.run_id = $1"] + clauseConditions(query.filters, values: &values)
        return (conditions.joined(separator: " AND "), values)
    }

    /// One sub-query per clause filter on the documents `d`, through the cells' key; their values appended.
    static func clauseConditions(_ filters: [ClauseGridQuery.Filter], values: inout [any SQLBindable]) -> [String] {
        var conditions: [String] = []
        for filter in filters {
            values.append(filter.category)
            let cell = """
                SELECT 1 FROM clause_cells c WHERE c.run_id = d.run_id AND c.path = d.path AND c.category = \
                $\(values.count)
                """
            switch filter.condition {
            case .found: conditions.append("EXISTS (\(cell))")
            case .missing: conditions.append("NOT EXISTS (\(cell))")
            case .answer(let text):
                values.append("%" + likeEscaped(text) + "%")
                conditions.append("EXISTS (\(cell) AND lower(c.answer) LIKE lower($\(values.count)) ESCAPE '!')")
            }
        }
        return conditions
    }

    /// `text` matched literally by LIKE: its wildcards and the escape character escaped.
    static func likeEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "!" || character == "%" || character == "_" { escaped.append("!") }
            escaped.append(character)
        }
        return escaped
    }
}
