import DocketDecide
import DocketModel

/// What the clause grid and the search's filters read of a document's plan, kept beside it: its clause cells,
/// and its type, language, level and finding types. Written with each plan (`write`); made from the plans
/// already in a store by migration v20, in SQL, from the plan's JSON (`fromPlans`), so that no request ever has
/// to catch up on documents planned before.
enum ClauseCellStatements {
    /// Replaces the document's cells with its plan's categories and sets its facets; on PostgreSQL also
    /// indexes its pages' words in its language (`SearchStatements.indexDocument`).
    static func write(_ plan: DocumentPlan, run: String, path: String, on connection: any SQLConnection) throws {
        try connection.execute(
            """
            UPDATE run_documents SET document_type = $1, language = $2, level = $3, finding_types = $4
            WHERE run_id = $5 AND path = $6
            """,
            [
                plan.profile.type.rawValue, plan.profile.language, plan.level,
                findingTypes(plan.chunks.flatMap { $0.findings.map(\.type) }), run, path,
            ])
        if connection.dialect.isPostgres {
            try connection.execute(SearchStatements.indexDocument, [plan.sha256, plan.profile.language ?? ""])
        }
        try connection.execute("DELETE FROM clause_cells WHERE run_id = $1 AND path = $2", [run, path])
        for cell in ClauseCell.cells(of: plan) {
            try connection.execute(
                """
                INSERT INTO clause_cells (run_id, path, category, answer, first_page, start_offset, end_offset)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (run_id, path, category) DO NOTHING
                """, [run, path, cell.category, cell.answer, cell.firstPage, cell.start, cell.end])
        }
    }

    /// ",iban,person,": each type once, between commas, so that `LIKE '%,iban,%'` finds one type whole (the
    /// order does not matter to it).
    static func findingTypes(_ types: [String]) -> String {
        "," + Set(types).sorted().map { $0 + "," }.joined()
    }

    /// The same from the plans' JSON (the keys `DocumentPlan` encodes), for every planned document of the store.
    static func fromPlans(_ dialect: SQLDialect) -> String {
        if dialect.isPostgres {
            return """
                INSERT INTO clause_cells (run_id, path, category, answer, first_page, start_offset, end_offset)
                SELECT d.run_id, d.path, c->>'name', c->>'answer', (c->'passages'->0->>'firstPage')::integer,
                    (c->'passages'->0->>'start')::integer, (c->'passages'->0->>'end')::integer
                FROM run_documents d, json_array_elements(d.plan_json::json->'clauses'->'categories') c
                WHERE d.plan_json IS NOT NULL AND json_array_length(c->'passages') > 0
                ON CONFLICT DO NOTHING;
                UPDATE run_documents d SET document_type = d.plan_json::json->'profile'->>'type',
                    language = d.plan_json::json->'profile'->>'language', level = d.plan_json::json->>'level',
                    finding_types = coalesce(',' || (SELECT string_agg(DISTINCT f->>'type', ',' ORDER BY f->>'type')
                        FROM json_array_elements(d.plan_json::json->'chunks') ch,
                            json_array_elements(ch->'findings') f) || ',', ',')
                WHERE d.plan_json IS NOT NULL;
                """
        }
        return """
            INSERT INTO clause_cells (run_id, path, category, answer, first_page, start_offset, end_offset)
            SELECT d.run_id, d.path, json_extract(c.value, '$.name'), json_extract(c.value, '$.answer'),
                json_extract(c.value, '$.passages[0].firstPage'), json_extract(c.value, '$.passages[0].start'),
                json_extract(c.value, '$.passages[0].end')
            FROM run_documents d, json_each(d.plan_json, '$.clauses.categories') c
            WHERE d.plan_json IS NOT NULL AND json_array_length(c.value, '$.passages') > 0
            ON CONFLICT DO NOTHING;
            UPDATE run_documents SET document_type = json_extract(plan_json, '$.profile.type'),
                language = json_extract(plan_json, '$.profile.language'), level = json_extract(plan_json, '$.level'),
                finding_types = coalesce(',' || (SELECT group_concat(DISTINCT json_extract(f.value, '$.type'))
                    FROM json_each(plan_json, '$.chunks') ch, json_each(ch.value, '$.findings') f) || ',', ',')
            WHERE plan_json IS NOT NULL;
            """
    }
}
