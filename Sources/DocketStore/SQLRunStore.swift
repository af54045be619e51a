import DocketAudit
import DocketDecide
import DocketModel
import DocketRecords
import Foundation

/// The run store, once, for every SQL backend: the embedded SQLite file and the PostgreSQL store
/// that many workers share. The statements are written once; an executor runs them and a
/// dialect supplies what differs in their text (types, time, locks).
public final class SQLRunStore: RunStore, Sendable {
    let executor: any SQLExecutor
    public let location: String
    var dialect: SQLDialect { executor.dialect }

    /// `migrations`: all of them but in a test of one migration, which opens a store as it was before it.
    init(
        executor: any SQLExecutor, location: String, migrations: [StoreMigration] = StoreSchema.migrations
    )
        async throws
    {
        self.executor = TimedExecutor(inner: executor)
        self.location = location
        try await executor.migrate(migrations)
    }

    /// A store of either kind at `location`, with only `migrations` applied: for the tests of a migration.
    static func opened(_ location: String, migrations: [StoreMigration]) async throws -> SQLRunStore {
        if StoreURL.isPostgres(location) {
            return try await SQLRunStore(
                executor: try await PostgresExecutor(url: location, environment: ProcessInfo.processInfo.environment),
                location: location, migrations: migrations)
        }
        return try await SQLRunStore(
            executor: try SQLiteExecutor(path: location, durable: true), location: location, migrations: migrations)
    }

    /// The embedded store: a SQLite file. `durable: false` turns off fsync, only for the
    /// checkpointing benchmark.
    public convenience init(sqlite path: String, durable: Bool = true) async throws {
        try await self.init(executor: try SQLiteExecutor(path: path, durable: durable), location: path)
    }

    /// The shared store: `postgresql://user@host:port/database`; the password from `PGPASSWORD` or
    /// a password file, never from the pipeline (`PostgresSettings` reads them from `environment`).
    public convenience init(
        postgres url: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws {
        try await self.init(executor: try await PostgresExecutor(url: url, environment: environment), location: url)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// `$first, $first+1, …`: one placeholder per value of a list, for `IN (…)`.
    static func placeholders(_ count: Int, from first: Int) -> String {
        (first..<first + count).map { "$\($0)" }.joined(separator: ", ")
    }

    // MARK: Runs

    public func createRun(_ run: RunRecord) async throws {
        try await executor.execute(
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

    public func run(id: String) async throws -> RunRecord? {
        try await executor.first("SELECT * FROM runs WHERE id = $1", [id]).map(RecordMapping.run)
    }

    public func runs() async throws -> [RunRecord] {
        try await executor.query("SELECT * FROM runs ORDER BY started_at").map(RecordMapping.run)
    }

    public func runs(before: String?, limit: Int) async throws -> [RunRecord] {
        guard let before else {
            return try await executor.query(
                "SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT $1", [max(0, limit)]
            ).map(RecordMapping.run)
        }
        // The start time compared in the store, as stored: a time read back and bound again may not be equal.
        return try await executor.query(
            """
            SELECT * FROM runs
            WHERE started_at < (SELECT started_at FROM runs WHERE id = $1)
                OR (started_at = (SELECT started_at FROM runs WHERE id = $1) AND id < $1)
            ORDER BY started_at DESC, id DESC LIMIT $2
            """, [before, max(0, limit)] as [any SQLBindable]
        ).map(RecordMapping.run)
    }

    public func finishRun(id: String, status: RunStatus, counts: RunCounts?) async throws {
        try await executor.transaction { connection in
            // The chain's head as the run ends: later appends wait, so the head is the last record.
            if let lock = connection.dialect.auditChainLock { try connection.execute(lock) }
            let head = try connection.first("SELECT sequence, hash FROM audit_records ORDER BY sequence DESC LIMIT 1")
            try connection.execute(
                """
                UPDATE runs SET status = $1, finished_at = $2, audit_head_sequence = $3, audit_head_hash = $4
                WHERE id = $5
                """, [status.rawValue, Date(), head?.integer("sequence"), head?.text("hash"), id])
            try Self.keepCounts(run: id, counts: counts, on: connection)
        }
    }

    // MARK: Documents

    public func pages(sha256: String) async throws -> [ExtractedPage]? {
        try await executor.read { connection in
            guard try connection.first("SELECT 1 AS found FROM documents WHERE sha256 = $1", [sha256]) != nil
            else { return nil }
            return try connection.query("SELECT * FROM pages WHERE sha256 = $1 ORDER BY number", [sha256]).map { row in
                ExtractedPage(
                    number: Int(row.integer("number") ?? 0), text: row.text("text") ?? "",
                    source: TextSource(rawValue: row.text("source") ?? "") ?? .textLayer,
                    ocrReason: row.text("ocr_reason"), ocrConfidence: row.integer("ocr_confidence").map { Int($0) })
            }
        }
    }

    public func pageCounts(sha256s: [String]) async throws -> [String: (pages: Int, ocr: Int)] {
        guard !sha256s.isEmpty else { return [:] }
        var counts: [String: (pages: Int, ocr: Int)] = [:]
        for row in try await executor.query(
            """
            SELECT sha256, COUNT(*) AS n, SUM(CASE WHEN source = $1 THEN 1 ELSE 0 END) AS ocr FROM pages
            WHERE sha256 IN (\(Self.placeholders(sha256s.count, from: 2))) GROUP BY sha256
            """, [TextSource.ocr.rawValue] + sha256s)
        {
            counts[row.text("sha256") ?? ""] = (Int(row.integer("n") ?? 0), Int(row.integer("ocr") ?? 0))
        }
        return counts
    }

    public func saveDocument(_ document: ExtractedDocument) async throws {
        try await executor.transaction { connection in
            try Self.keepChunkTexts(of: document, on: connection)
            try connection.execute(
                """
                INSERT INTO documents (sha256, kind, page_count, metadata_json, partial, warnings_json)
                    VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (sha256) DO UPDATE SET kind = excluded.kind, page_count = excluded.page_count,
                    metadata_json = excluded.metadata_json, partial = excluded.partial,
                    warnings_json = excluded.warnings_json
                """,
                [
                    document.sha256, document.kind?.rawValue, document.pageCount, try Self.json(document.metadata),
                    document.partial, try Self.json(document.warnings),
                ])
            for page in document.pages {
                try connection.execute(
                    """
                    INSERT INTO pages (sha256, number, text, source, ocr_reason, ocr_confidence)
                        VALUES ($1, $2, $3, $4, $5, $6)
                    ON CONFLICT (sha256, number) DO UPDATE SET text = excluded.text, source = excluded.source,
                        ocr_reason = excluded.ocr_reason, ocr_confidence = excluded.ocr_confidence
                    """,
                    [document.sha256, page.number, page.text, page.source.rawValue, page.ocrReason, page.ocrConfidence])
            }
        }
    }

    public func recordRunDocument(run: String, path: String, sha256: String?, error: IngestError?) async throws {
        let errorJSON = try error.map(Self.json)
        try await executor.transaction { connection in
            // An upsert: a replace would delete the row and with it a worker's claim on the document.
            try connection.execute(
                """
                INSERT INTO run_documents (run_id, path, sha256, error_json) VALUES ($1, $2, $3, $4)
                ON CONFLICT (run_id, path) DO UPDATE SET sha256 = excluded.sha256, error_json = excluded.error_json,
                    plan_json = NULL
                """, [run, path, sha256, errorJSON])
            // The grid's cells of the document's earlier plan, if any, go with it.
            try connection.execute("DELETE FROM clause_cells WHERE run_id = $1 AND path = $2", [run, path])
        }
    }

    /// The plan, and its clause categories as the grid's cells, in one transaction.
    public func savePlan(run: String, path: String, plan: DocumentPlan) async throws {
        let json = try Self.json(plan.withoutRoutes)
        try await executor.transaction { connection in
            try connection.execute(
                "UPDATE run_documents SET plan_json = $1 WHERE run_id = $2 AND path = $3", [json, run, path])
            try ClauseCellStatements.write(plan, run: run, path: path, on: connection)
        }
    }

    public func runDocuments(run: String) async throws -> [RunDocument] {
        try await executor.query("SELECT * FROM run_documents WHERE run_id = $1 ORDER BY path", [run]).map(
            Self.runDocument)
    }

    public func runDocuments(run: String, after: String?, limit: Int) async throws -> [RunDocument] {
        try await runDocumentPage(columns: "*", run: run, after: after, limit: limit)
    }

    public func runDocumentOutlines(run: String, after: String?, limit: Int) async throws -> [RunDocument] {
        try await runDocumentPage(columns: "path, sha256, error_json", run: run, after: after, limit: limit)
    }

    /// A page of the run's documents in path order after `after`, with the columns named (a constant).
    public func runDocuments(run: String, offset: Int, limit: Int) async throws -> [RunDocument] {
        try await executor.query(
            "SELECT * FROM run_documents WHERE run_id = $1 ORDER BY path LIMIT $2 OFFSET $3",
            [run, max(0, limit), max(0, offset)]
        ).map(Self.runDocument)
    }

    private func runDocumentPage(
        columns: String, run: String, after: String?, limit: Int
    ) async throws -> [RunDocument] {
        try await executor.query(
            "SELECT \(columns) FROM run_documents WHERE run_id = $1 AND path > $2 ORDER BY path LIMIT $3",
            [run, after ?? "", max(0, limit)]
        ).map(Self.runDocument)
    }

    public func runDocument(run: String, sha256: String) async throws -> RunDocument? {
        try await executor.first(OneDocumentStatements.runDocument, [run, sha256]).map(Self.runDocument)
    }

    static func runDocument(_ row: SQLRow) throws -> RunDocument {
        RunDocument(
            path: row.text("path") ?? "", sha256: row.text("sha256"),
            error: try row.text("error_json").map { try Self.decode(IngestError.self, $0) },
            plan: try row.text("plan_json").map { try Self.decode(DocumentPlan.self, $0) })
    }

    // MARK: Units

    public func addUnits(
        _ units: [UnitRecord], chunks: [StoredChunk], run: String, audit: [AuditRecord]
    ) async throws {
        try await executor.transaction { connection in
            for record in audit { _ = try Self.append(record, on: connection) }
            for chunk in chunks { try Self.insert(chunk, on: connection) }
            var routesStored: Set<String> = []
            for unit in units {
                let route = try SharedRoute(unit.route)
                if routesStored.insert(route.id).inserted {
                    try connection.execute(
                        "INSERT INTO routes (id, route_json) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                        [route.id, route.json])
                }
                try connection.execute(
                    """
                    INSERT INTO units (key, document_sha256, document_name, chunk_id, task, status, route_json, reason,
                        route_id, needed_tokens_json)
                    VALUES ($1, $2, $3, $4, $5, $6, '', $7, $8, $9) ON CONFLICT DO NOTHING
                    """,
                    [
                        unit.key, unit.documentSHA256, unit.documentName, unit.chunkID, unit.task, unit.status.rawValue,
                        unit.reason, route.id, route.neededTokensJSON,
                    ])
                try connection.execute(
                    "INSERT INTO run_units (run_id, unit_key) VALUES ($1, $2) ON CONFLICT DO NOTHING", [run, unit.key])
            }
        }
    }

    public func pendingUnits(run: String, document: String? = nil) async throws -> [UnitRecord] {
        try await executor.query(
            """
            SELECT \(SharedRoute.unitColumns) FROM units u JOIN run_units r ON r.unit_key = u.key \(SharedRoute.join)
            WHERE r.run_id = $1 AND u.status = \(Literal.pendingUnit)
                \(document == nil ? "" : "AND u.document_sha256 = $2")
            ORDER BY u.document_name, u.key
            """, document.map { [run, $0] } ?? [run]
        ).map(RecordMapping.unit)
    }

    public func units(run: String, documents: [String]?) async throws -> [UnitRecord] {
        guard let documents else {
            return try await executor.query(
                """
                SELECT \(SharedRoute.unitColumns) FROM units u JOIN run_units r ON r.unit_key = u.key
                    \(SharedRoute.join)
                WHERE r.run_id = $1
                ORDER BY u.document_name, u.key
                """, [run]
            ).map(RecordMapping.unit)
        }
        if documents.isEmpty { return [] }
        return try await executor.query(OneDocumentStatements.units(documents.count), [run] + documents)
            .map(RecordMapping.unit)
    }

    public func unit(key: String) async throws -> UnitRecord? {
        try await executor.first(
            "SELECT \(SharedRoute.unitColumns) FROM units u \(SharedRoute.join) WHERE u.key = $1", [key]
        ).map(RecordMapping.unit)
    }

    public func markUnit(key: String, status: UnitStatus, reason: String?) async throws {
        try await executor.execute(
            "UPDATE units SET status = $1, reason = $2 WHERE key = $3 AND status != \(Literal.doneUnit)",
            [status.rawValue, reason, key])
    }

    public func resetFailed(run: String) async throws {
        try await executor.execute(
            """
            UPDATE units SET status = \(Literal.pendingUnit), reason = NULL
            WHERE status = \(Literal.failedUnit) AND key IN (SELECT unit_key FROM run_units WHERE run_id = $1)
            """, [run])
    }

    @discardableResult public func failPendingUnits(run: String, reason: String) async throws -> Int {
        try await executor.execute(
            """
            UPDATE units SET status = \(Literal.failedUnit), reason = $2
            WHERE status = \(Literal.pendingUnit) AND key IN (SELECT unit_key FROM run_units WHERE run_id = $1)
            """, [run, reason])
    }

    // MARK: Attempts and results

    public func startAttempt(unit: String, endpoint: String, lease: WorkerLease?) async throws -> Int64? {
        try await executor.transaction { connection in
            if let lease {
                let renewed = try connection.execute(
                    """
                    UPDATE units SET lease_expires = \(connection.dialect.later("$3"))
                    WHERE key = $1 AND lease_owner = $2 AND status = \(Literal.pendingUnit)
                    """, [unit, lease.owner, lease.seconds])
                guard renewed == 1 else { return nil }
            }
            return try connection.first(
                "INSERT INTO attempts (unit_key, endpoint, started_at) VALUES ($1, $2, $3) RETURNING id",
                [unit, endpoint, Date()]
            )?.integer("id") ?? -1
        }
    }

    public func finishAttempt(id: Int64, outcome: String, httpStatus: Int?, error: String?) async throws {
        try await executor.execute(
            "UPDATE attempts SET finished_at = $1, outcome = $2, http_status = $3, error = $4 WHERE id = $5",
            [Date(), outcome, httpStatus, error, id])
    }

    @discardableResult
    public func saveResult(_ result: ResultRecord, audit: AuditRecord?) async throws -> Bool {
        try await executor.transaction { connection in
            let inserted = try connection.execute(
                """
                INSERT INTO results (unit_key, endpoint, model, weights_digest, result_json, prompt_tokens,
                    completion_tokens, latency_ms, finished_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (unit_key) DO NOTHING
                """,
                [
                    result.unitKey, result.endpoint, result.model, result.weightsDigest, result.resultJSON,
                    result.promptTokens, result.completionTokens, result.latencyMilliseconds, result.finishedAt,
                ])
            guard inserted == 1 else { return false }
            try connection.execute(
                "UPDATE units SET status = \(Literal.doneUnit), reason = NULL WHERE key = $1", [result.unitKey])
            if let audit { _ = try Self.append(audit, on: connection) }
            return true
        }
    }

    public func results(run: String, documents: [String]?) async throws -> [ResultRecord] {
        guard let documents else {
            return try await executor.query(
                """
                SELECT s.* FROM results s JOIN run_units r ON r.unit_key = s.unit_key WHERE r.run_id = $1
                ORDER BY s.unit_key
                """, [run]
            ).map(RecordMapping.result)
        }
        if documents.isEmpty { return [] }
        return try await executor.query(OneDocumentStatements.results(documents.count), [run] + documents)
            .map(RecordMapping.result)
    }

    public func result(unit: String) async throws -> ResultRecord? {
        try await executor.first("SELECT * FROM results WHERE unit_key = $1", [unit]).map(RecordMapping.result)
    }

    public func runIDs(containing unit: String) async throws -> [String] {
        try await executor.query(
            "SELECT r.id FROM runs r JOIN run_units u ON u.run_id = r.id WHERE u.unit_key = $1 ORDER BY r.started_at",
            [unit]
        ).compactMap { $0.text("id") }
    }

    public func tokenUsage(since: Date?, pipeline: String?) async throws -> [TokenUsage] {
        // Conditions only for the filters given: no untyped NULL parameter for PostgreSQL to guess.
        var conditions: [String] = []
        var values: [any SQLBindable] = []
        if let since {
            values.append(since)
            conditions.append("s.finished_at >= $\(values.count)")
        }
        if let pipeline {
            values.append(pipeline)
            conditions.append("p.pipeline = $\(values.count)")
        }
        // A result reused by later runs counts once, for the pipeline of the first run that has it.
        return try await executor.query(
            """
            SELECT p.pipeline, s.endpoint, s.model, SUM(s.prompt_tokens) AS input, SUM(s.completion_tokens) AS output,
                COUNT(*) AS requests, MIN(s.finished_at) AS first, MAX(s.finished_at) AS last
            FROM results s
            JOIN (SELECT unit_key, MIN(run_id) AS run_id FROM run_units GROUP BY unit_key) f ON f.unit_key = s.unit_key
            JOIN runs p ON p.id = f.run_id
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            GROUP BY p.pipeline, s.endpoint, s.model ORDER BY p.pipeline, s.endpoint
            """, values
        ).map { row in
            TokenUsage(
                pipeline: row.text("pipeline") ?? "", endpoint: row.text("endpoint") ?? "",
                model: row.text("model") ?? "", promptTokens: Int(row.integer("input") ?? 0),
                completionTokens: Int(row.integer("output") ?? 0), requests: Int(row.integer("requests") ?? 0),
                first: row.timestamp("first") ?? Date(), last: row.timestamp("last") ?? Date())
        }
    }

    /// A finished run's counts as they were kept when it ended; a run still going (or resumed) is summed now.
    public func counts(run: String) async throws -> RunCounts {
        try await executor.read { connection in
            if let row = try connection.first("SELECT status, counts_json FROM runs WHERE id = $1", [run]),
                let status = RunStatus(rawValue: row.text("status") ?? ""), Self.keepsCounts(status),
                let kept = row.text("counts_json"), let counts = try? Self.decode(RunCounts.self, kept)
            {
                return counts
            }
            return try Self.summedCounts(run: run, on: connection)
        }
    }

    /// Statuses in which a run's units no longer change by its own work.
    static func keepsCounts(_ status: RunStatus) -> Bool {
        status == .completed || status == .interrupted || status == .failed
    }

    static func summedCounts(run: String, on connection: any SQLConnection) throws -> RunCounts {
        var counts = RunCounts()
        counts.documents = try connection.count("SELECT COUNT(*) AS n FROM run_documents WHERE run_id = $1", [run])
        counts.failedDocuments = try connection.count(
            "SELECT COUNT(*) AS n FROM run_documents WHERE run_id = $1 AND error_json IS NOT NULL", [run])
        for row in try connection.query(
            """
            SELECT u.status, COUNT(*) AS n FROM units u JOIN run_units r ON r.unit_key = u.key
            WHERE r.run_id = $1 GROUP BY u.status
            """, [run])
        {
            let n = Int(row.integer("n") ?? 0)
            counts.units += n
            switch UnitStatus(rawValue: row.text("status") ?? "") {
            case .done: counts.done = n
            case .held: counts.held = n
            case .failed: counts.failed = n
            case .pending, nil: break
            }
        }
        return counts
    }

    /// Sums the run's counts now and keeps them with the run.
    /// Keeps `counts` as the run's, or its counts summed now when none are given.
    static func keepCounts(run: String, counts: RunCounts? = nil, on connection: any SQLConnection) throws {
        try connection.execute(
            "UPDATE runs SET counts_json = $1 WHERE id = $2",
            [try json(counts ?? summedCounts(run: run, on: connection)), run])
    }
}
