import Foundation

/// The shared store: the run store's schema in PostgreSQL, for runs that outgrow one machine.
/// Same protocol and the same tables as `SQLiteRunStore`; one connection, used by one caller at
/// a time. The audit chain stays one linear chain with many writers: every append holds a
/// transaction-scoped advisory lock.
public final class PostgresRunStore: RunStore, @unchecked Sendable {
    let connection: PostgresConnection
    public let url: String
    public var location: String { url }

    /// `url`: `postgresql://user@host:port/database`; the password from `PGPASSWORD` or a
    /// password file, never from the pipeline.
    public init(url: String) throws {
        self.url = url
        connection = try PostgresConnection(url: url)
        try migrate()
    }

    public static func isURL(_ text: String) -> Bool { StoreURL.isPostgres(text) }

    func migrate() throws {
        try connection.transaction {
            // One migrator at a time, across processes.
            try connection.execute("SELECT pg_advisory_xact_lock(7348001)")
            try connection.execute(
                "CREATE TABLE IF NOT EXISTS docket_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)")
            let applied = Set(try connection.execute("SELECT name FROM docket_migrations").map { $0.string("name") })
            for migration in PostgresSchema.migrations where !applied.contains(migration.name) {
                try connection.execute(migration.sql)
                try connection.execute(
                    "INSERT INTO docket_migrations (name, applied_at) VALUES ($1, now())", [migration.name])
            }
        }
    }

    private static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    // MARK: Runs

    public func createRun(_ run: RunRecord) throws {
        try connection.execute(
            """
            INSERT INTO runs (id, pipeline, pipeline_file, rule_set_version, status, started_at, output_folder)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, rule_set_version = excluded.rule_set_version
            """,
            [
                run.id, run.pipeline, run.pipelineFile, run.ruleSetVersion, run.status.rawValue, run.startedAt,
                run.outputFolder,
            ])
    }

    public func run(id: String) throws -> RunRecord? {
        try connection.execute("SELECT * FROM runs WHERE id = $1", [id]).first.map(RecordMapping.run)
    }

    public func runs() throws -> [RunRecord] {
        try connection.execute("SELECT * FROM runs ORDER BY started_at").map(RecordMapping.run)
    }

    public func finishRun(id: String, status: RunStatus) throws {
        try connection.transaction {
            try connection.execute("SELECT pg_advisory_xact_lock(7348002)")
            let head = try connection.execute("SELECT sequence, hash FROM audit_records ORDER BY sequence DESC LIMIT 1")
                .first
            try connection.execute(
                "UPDATE runs SET status = $1, finished_at = $2, audit_head_sequence = $3, audit_head_hash = $4 WHERE "
                    + "id = $5",
                [status.rawValue, Date(), head?["sequence"], head?["hash"], id])
        }
    }

    // MARK: Documents

    public func pages(sha256: String) throws -> [ExtractedPage]? {
        guard try connection.execute("SELECT 1 FROM documents WHERE sha256 = $1", [sha256]).count == 1 else {
            return nil
        }
        return try connection.execute("SELECT * FROM pages WHERE sha256 = $1 ORDER BY number", [sha256]).map { row in
            ExtractedPage(
                number: row.int("number"), text: row.string("text"),
                source: TextSource(rawValue: row.string("source")) ?? .textLayer,
                ocrReason: row["ocr_reason"], ocrConfidence: row["ocr_confidence"].flatMap { Int($0) })
        }
    }

    public func saveDocument(_ document: ExtractedDocument) throws {
        try connection.transaction {
            try connection.execute(
                """
                INSERT INTO documents (sha256, kind, page_count, metadata_json, partial, warnings_json) VALUES ($1,
                    $2, $3, $4, $5, $6)
                ON CONFLICT (sha256) DO UPDATE SET kind = excluded.kind, page_count = excluded.page_count,
                    metadata_json = excluded.metadata_json,
                    partial = excluded.partial, warnings_json = excluded.warnings_json
                """,
                [
                    document.sha256, document.kind?.rawValue, document.pageCount, try Self.json(document.metadata),
                    document.partial,
                    try Self.json(document.warnings),
                ])
            for page in document.pages {
                try connection.execute(
                    """
                    INSERT INTO pages (sha256, number, text, source, ocr_reason, ocr_confidence) VALUES ($1, $2, $3,
                        $4, $5, $6)
                    ON CONFLICT (sha256, number) DO UPDATE SET text = excluded.text, source = excluded.source,
                        ocr_reason = excluded.ocr_reason,
                        ocr_confidence = excluded.ocr_confidence
                    """,
                    [document.sha256, page.number, page.text, page.source.rawValue, page.ocrReason, page.ocrConfidence])
            }
        }
    }

    public func recordRunDocument(run: String, path: String, sha256: String?, error: IngestError?) throws {
        try connection.execute(
            """
            INSERT INTO run_documents (run_id, path, sha256, error_json) VALUES ($1, $2, $3, $4)
            ON CONFLICT (run_id, path) DO UPDATE SET sha256 = excluded.sha256, error_json = excluded.error_json,
                plan_json = NULL
            """, [run, path, sha256, try error.map(Self.json)])
    }

    public func savePlan(run: String, path: String, plan: DocumentPlan) throws {
        try connection.execute(
            "UPDATE run_documents SET plan_json = $1 WHERE run_id = $2 AND path = $3", [try Self.json(plan), run, path])
    }

    public func runDocuments(run: String) throws -> [RunDocument] {
        try connection.execute("SELECT * FROM run_documents WHERE run_id = $1 ORDER BY path", [run]).map { row in
            RunDocument(
                path: row.string("path"), sha256: row["sha256"],
                error: try row["error_json"].map { try Self.decode(IngestError.self, $0) },
                plan: try row["plan_json"].map { try Self.decode(DocumentPlan.self, $0) })
        }
    }

    // MARK: Units

    public func addUnits(
        _ units: [UnitRecord], chunks: [String: (text: String, heading: String)], run: String, audit: [AuditRecord]
    ) throws {
        try connection.transaction {
            for record in audit { _ = try append(record) }
            for (id, chunk) in chunks {
                try connection.execute(
                    "INSERT INTO chunks (id, text, heading) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    [id, chunk.text, chunk.heading])
            }
            for unit in units {
                try connection.execute(
                    """
                    INSERT INTO units (key, document_sha256, document_name, chunk_id, task, status, route_json, reason)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING
                    """,
                    [
                        unit.key, unit.documentSHA256, unit.documentName, unit.chunkID, unit.task, unit.status.rawValue,
                        try Self.json(unit.route), unit.reason,
                    ])
                try connection.execute(
                    "INSERT INTO run_units (run_id, unit_key) VALUES ($1, $2) ON CONFLICT DO NOTHING", [run, unit.key])
            }
        }
    }

    public func pendingUnits(run: String, document: String?) throws -> [UnitRecord] {
        try connection.execute(
            """
            SELECT u.* FROM units u JOIN run_units r ON r.unit_key = u.key
            WHERE r.run_id = $1 AND u.status = 'pending' AND ($2::text IS NULL OR u.document_sha256 = $2)
            ORDER BY u.document_name, u.key
            """, [run, document]
        ).map(RecordMapping.unit)
    }

    public func units(run: String) throws -> [UnitRecord] {
        try connection.execute(
            """
            SELECT u.* FROM units u JOIN run_units r ON r.unit_key = u.key WHERE r.run_id = $1 ORDER BY
                u.document_name, u.key
            """, [run]
        ).map(RecordMapping.unit)
    }

    public func unit(key: String) throws -> UnitRecord? {
        try connection.execute("SELECT * FROM units WHERE key = $1", [key]).first.map(RecordMapping.unit)
    }

    public func chunk(id: String) throws -> (text: String, heading: String)? {
        try connection.execute("SELECT text, heading FROM chunks WHERE id = $1", [id]).first.map {
            ($0.string("text"), $0.string("heading"))
        }
    }

    public func markUnit(key: String, status: UnitStatus, reason: String?) throws {
        try connection.execute(
            "UPDATE units SET status = $1, reason = $2 WHERE key = $3 AND status != 'done'",
            [status.rawValue, reason, key])
    }

    public func resetFailed(run: String) throws {
        try connection.execute(
            """
            UPDATE units SET status = 'pending', reason = NULL
            WHERE status = 'failed' AND key IN (SELECT unit_key FROM run_units WHERE run_id = $1)
            """, [run])
    }

    // MARK: Attempts and results

    public func startAttempt(unit: String, endpoint: String) throws -> Int64 {
        try connection.execute(
            "INSERT INTO attempts (unit_key, endpoint, started_at) VALUES ($1, $2, $3) RETURNING id",
            [unit, endpoint, Date()]
        )
        .first?.int64("id") ?? -1
    }

    public func finishAttempt(id: Int64, outcome: String, httpStatus: Int?, error: String?) throws {
        try connection.execute(
            "UPDATE attempts SET finished_at = $1, outcome = $2, http_status = $3, error = $4 WHERE id = $5",
            [Date(), outcome, httpStatus, error, id])
    }

    @discardableResult
    public func saveResult(_ result: ResultRecord, audit: AuditRecord?) throws -> Bool {
        try connection.transaction {
            let inserted = try connection.execute(
                """
                INSERT INTO results (unit_key, endpoint, model, weights_digest, result_json, prompt_tokens,
                    completion_tokens, latency_ms, finished_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (unit_key) DO NOTHING
                """,
                [
                    result.unitKey, result.endpoint, result.model, result.weightsDigest, result.resultJSON,
                    result.promptTokens,
                    result.completionTokens, result.latencyMilliseconds, result.finishedAt,
                ]
            ).affected
            guard inserted == 1 else { return false }
            try connection.execute("UPDATE units SET status = 'done', reason = NULL WHERE key = $1", [result.unitKey])
            if let audit { _ = try append(audit) }
            return true
        }
    }

    public func results(run: String) throws -> [ResultRecord] {
        try connection.execute(
            """
            SELECT s.* FROM results s JOIN run_units r ON r.unit_key = s.unit_key WHERE r.run_id = $1 ORDER BY
                s.unit_key
            """, [run]
        ).map(RecordMapping.result)
    }

    public func result(unit: String) throws -> ResultRecord? {
        try connection.execute("SELECT * FROM results WHERE unit_key = $1", [unit]).first.map(RecordMapping.result)
    }

    public func runIDs(containing unit: String) throws -> [String] {
        try connection.execute(
            "SELECT r.id FROM runs r JOIN run_units u ON u.run_id = r.id WHERE u.unit_key = $1 ORDER BY r.started_at",
            [unit]
        )
        .map { $0.string("id") }
    }

    public func tokenUsage(since: Date?, pipeline: String?) throws -> [TokenUsage] {
        try connection.execute(
            """
            SELECT p.pipeline, s.endpoint, s.model, SUM(s.prompt_tokens) AS input, SUM(s.completion_tokens) AS output,
                   COUNT(*) AS requests, MIN(s.finished_at) AS first, MAX(s.finished_at) AS last
            FROM results s
            JOIN (SELECT unit_key, MIN(run_id) AS run_id FROM run_units GROUP BY unit_key) f ON f.unit_key = s.unit_key
            JOIN runs p ON p.id = f.run_id
            WHERE ($1::timestamptz IS NULL OR s.finished_at >= $1) AND ($2::text IS NULL OR p.pipeline = $2)
            GROUP BY p.pipeline, s.endpoint, s.model ORDER BY p.pipeline, s.endpoint
            """, [since, pipeline]
        ).map { row in
            TokenUsage(
                pipeline: row.string("pipeline"), endpoint: row.string("endpoint"), model: row.string("model"),
                promptTokens: row.int("input"),
                completionTokens: row.int("output"), requests: row.int("requests"), first: row.date("first") ?? Date(),
                last: row.date("last") ?? Date())
        }
    }

    public func counts(run: String) throws -> RunCounts {
        var counts = RunCounts()
        counts.documents =
            try connection.execute("SELECT COUNT(*) AS n FROM run_documents WHERE run_id = $1", [run]).first?.int("n")
            ?? 0
        counts.failedDocuments =
            try connection.execute(
                "SELECT COUNT(*) AS n FROM run_documents WHERE run_id = $1 AND error_json IS NOT NULL", [run]
            )
            .first?.int("n") ?? 0
        for row in try connection.execute(
            """
            SELECT u.status, COUNT(*) AS n FROM units u JOIN run_units r ON r.unit_key = u.key WHERE r.run_id = $1
                GROUP BY u.status
            """, [run])
        {
            let n = row.int("n")
            counts.units += n
            switch UnitStatus(rawValue: row.string("status")) {
            case .done: counts.done = n
            case .held: counts.held = n
            case .failed: counts.failed = n
            case .pending, nil: break
            }
        }
        return counts
    }
}
