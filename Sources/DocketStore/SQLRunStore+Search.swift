import DocketRecords

extension SQLRunStore: SearchStore {
    public func search(_ query: SearchQuery, offset: Int, limit: Int) async throws -> [SearchHit] {
        guard !query.terms.isEmpty else { return [] }
        var values: [any SQLBindable] = [SearchStatements.match(query.terms, dialect)]
        if SearchStatements.isPostgres(dialect) { values.append(SearchStatements.headlineOptions) }
        var conditions = ["1 = 1"]
        if let runs = query.runs {
            guard !runs.isEmpty else { return [] }
            conditions.append("d.run_id IN (\(Self.placeholders(runs.count, from: values.count + 1)))")
            values += runs
        }
        for (column, value) in [
            ("d.run_id", query.run), ("r.pipeline", query.pipeline), ("d.document_type", query.documentType),
            ("d.language", query.language), ("d.level", query.level),
        ] {
            guard let value else { continue }
            values.append(value)
            conditions.append("\(column) = $\(values.count)")
        }
        conditions += Self.clauseConditions(query.clauses, values: &values)
        values += [max(0, limit), max(0, offset)]
        return try await executor.query(
            SearchStatements.hits(
                dialect, conditions: conditions.joined(separator: " AND "), limitAt: values.count - 1),
            values
        ).map { row in
            SearchHit(
                run: row.text("run_id") ?? "", path: row.text("path") ?? "", sha256: row.text("sha256") ?? "",
                page: Int(row.integer("number") ?? 0), snippet: row.text("snippet") ?? "")
        }
    }
}
