import DocketAudit
import DocketRecords

extension SQLRunStore: SearchStore {
    public func search(_ query: SearchQuery, offset: Int, limit: Int) async throws -> [SearchHit] {
        guard !query.terms.isEmpty else { return [] }
        var values: [any SQLBindable] = [SearchStatements.match(query.terms, dialect)]
        if dialect.isPostgres { values.append(SearchStatements.headlineOptions) }
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
        if let review = query.review { conditions.append(Self.reviewCondition(review, values: &values)) }
        if let submission = query.submission {
            values.append(submission)
            conditions.append(
                "d.sha256 IN (SELECT sha256 FROM submission_files WHERE submission_id = $\(values.count))")
        }
        for type in query.findingTypes {
            values.append("%," + Self.likeEscaped(type) + ",%")
            conditions.append("d.finding_types LIKE $\(values.count) ESCAPE '!'")
        }
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

    /// The run's documents `d` with a decision contested in that run (in the state asked), or with none: the
    /// challenges' documents are found once, from the challenges (people's steps, few) to their decisions; no
    /// NULL among them, which would make `NOT IN` unknown for every document.
    static func reviewCondition(_ review: SearchQuery.Review, values: inout [any SQLBindable]) -> String {
        var contested = """
            SELECT a.run_id, a.document_sha256 FROM challenges ch JOIN audit_records a ON a.id = ch.decision_id
            WHERE a.document_sha256 IS NOT NULL AND a.run_id IS NOT NULL
            """
        if let status = review.status {
            values.append(status.rawValue)
            contested += " AND ch.status = $\(values.count)"
        }
        return "(d.run_id, d.sha256) \(review == .uncontested ? "NOT IN" : "IN") (\(contested))"
    }
}
