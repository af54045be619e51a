import Foundation
import GRDB

/// The embedded store: one SQLite file in WAL mode, schema by migrations.
public final class SQLiteRunStore: RunStore, @unchecked Sendable {
    let database: DatabaseQueue
    public let path: String
    public var location: String { path }

    /// `durable: false` turns off fsync (synchronous=OFF): only for the checkpointing benchmark.
    public init(path: String, durable: Bool = true) throws {
        self.path = path
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: durable ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = OFF")
        }
        database = try DatabaseQueue(path: path, configuration: configuration)
        try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        try Self.migrator.migrate(database)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE runs (id TEXT PRIMARY KEY, pipeline TEXT NOT NULL, pipeline_file TEXT NOT NULL,
                        rule_set_version TEXT NOT NULL, status TEXT NOT NULL, started_at DATETIME NOT NULL,
                            finished_at DATETIME);
                    CREATE TABLE documents (sha256 TEXT PRIMARY KEY, kind TEXT, page_count INTEGER NOT NULL,
                        metadata_json TEXT NOT NULL, partial INTEGER NOT NULL, warnings_json TEXT NOT NULL);
                    CREATE TABLE pages (sha256 TEXT NOT NULL REFERENCES documents(sha256), number INTEGER NOT NULL,
                        text TEXT NOT NULL,
                        source TEXT NOT NULL, ocr_reason TEXT, ocr_confidence INTEGER, PRIMARY KEY (sha256, number));
                    CREATE TABLE run_documents (run_id TEXT NOT NULL REFERENCES runs(id), path TEXT NOT NULL, sha256
                        TEXT,
                        error_json TEXT, PRIMARY KEY (run_id, path));
                    CREATE TABLE chunks (id TEXT PRIMARY KEY, text TEXT NOT NULL);
                    CREATE TABLE units (key TEXT PRIMARY KEY, document_sha256 TEXT NOT NULL, document_name TEXT NOT
                        NULL,
                        chunk_id TEXT, task TEXT NOT NULL, status TEXT NOT NULL, route_json TEXT NOT NULL, reason TEXT);
                    CREATE TABLE run_units (run_id TEXT NOT NULL REFERENCES runs(id), unit_key TEXT NOT NULL
                        REFERENCES units(key),
                        PRIMARY KEY (run_id, unit_key));
                    CREATE TABLE attempts (id INTEGER PRIMARY KEY AUTOINCREMENT, unit_key TEXT NOT NULL REFERENCES
                        units(key),
                        endpoint TEXT NOT NULL, started_at DATETIME NOT NULL, finished_at DATETIME, outcome TEXT,
                            http_status INTEGER, error TEXT);
                    CREATE TABLE results (unit_key TEXT PRIMARY KEY REFERENCES units(key), endpoint TEXT NOT NULL,
                        model TEXT NOT NULL,
                        weights_digest TEXT, result_json TEXT NOT NULL, prompt_tokens INTEGER NOT NULL,
                            completion_tokens INTEGER NOT NULL,
                        latency_ms INTEGER NOT NULL, finished_at DATETIME NOT NULL);
                    CREATE INDEX attempts_unit ON attempts(unit_key);
                    """)
        }
        migrator.registerMigration("v2-chunk-headings") { db in
            try db.execute(sql: "ALTER TABLE chunks ADD COLUMN heading TEXT NOT NULL DEFAULT ''")
        }
        migrator.registerMigration("v3-audit-reports") { db in
            try db.execute(
                sql: """
                    ALTER TABLE runs ADD COLUMN output_folder TEXT;
                    ALTER TABLE runs ADD COLUMN audit_head_sequence INTEGER;
                    ALTER TABLE runs ADD COLUMN audit_head_hash TEXT;
                    ALTER TABLE run_documents ADD COLUMN plan_json TEXT;
                    CREATE TABLE audit_records (sequence INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, at TEXT NOT
                        NULL, run_id TEXT,
                        kind TEXT NOT NULL, document_sha256 TEXT, chunk_id TEXT, unit_key TEXT, input_hash TEXT,
                            rule_set_version TEXT,
                        prompt_schema_hash TEXT, endpoint TEXT, model TEXT, weights_digest TEXT, confidence REAL,
                            reasoning TEXT,
                        outcome TEXT NOT NULL, actor TEXT, refers_to TEXT, previous_hash TEXT NOT NULL, hash TEXT NOT
                            NULL);
                    CREATE INDEX audit_unit ON audit_records(unit_key);
                    CREATE INDEX audit_at ON audit_records(at);
                    -- Append-only: only retention may delete, and only while it holds the permit.
                    CREATE TABLE audit_retention_permit (active INTEGER NOT NULL);
                    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_records
                        BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
                    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_records WHEN (SELECT COUNT(*) FROM
                        audit_retention_permit) = 0
                        BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
                    CREATE TABLE challenges (id TEXT PRIMARY KEY, decision_id TEXT NOT NULL, decision_kind TEXT NOT
                        NULL, unit_key TEXT,
                        challenged_by TEXT NOT NULL, reason TEXT NOT NULL, opened_at DATETIME NOT NULL, status TEXT
                            NOT NULL,
                        reviewer TEXT, note TEXT, reviewed_at DATETIME, result_json TEXT, rerun_endpoint TEXT);
                    CREATE INDEX challenges_unit ON challenges(unit_key);
                    """)
        }
        migrator.registerMigration("v4-schedules-submissions") { db in
            try db.execute(
                sql: """
                    CREATE TABLE schedules (pipeline TEXT PRIMARY KEY, next_due DATETIME);
                    CREATE TABLE locks (pipeline TEXT PRIMARY KEY, holder TEXT NOT NULL, host TEXT NOT NULL, pid
                        INTEGER NOT NULL,
                        acquired_at DATETIME NOT NULL, heartbeat DATETIME NOT NULL);
                    CREATE TABLE submissions (id TEXT PRIMARY KEY, pipeline TEXT NOT NULL, folder TEXT NOT NULL,
                        submitted_by TEXT,
                        note TEXT, submitted_at DATETIME NOT NULL, status TEXT NOT NULL, run_id TEXT);
                    CREATE TABLE submission_files (submission_id TEXT NOT NULL REFERENCES submissions(id), path TEXT
                        NOT NULL,
                        sha256 TEXT NOT NULL, PRIMARY KEY (submission_id, path));
                    """)
        }
        migrator.registerMigration("v5-work-leases") { db in
            try db.execute(
                sql: """
                    ALTER TABLE units ADD COLUMN lease_owner TEXT;
                    ALTER TABLE units ADD COLUMN lease_expires DATETIME;
                    ALTER TABLE run_documents ADD COLUMN state TEXT;
                    ALTER TABLE run_documents ADD COLUMN lease_owner TEXT;
                    ALTER TABLE run_documents ADD COLUMN lease_expires DATETIME;
                    CREATE INDEX units_status ON units(status);
                    """)
        }
        migrator.registerMigration("v6-audit-texts") { db in
            // What models and people wrote, out of the append-only chain, so that it can be erased.
            try db.execute(
                sql: """
                    CREATE TABLE audit_texts (record_id TEXT PRIMARY KEY, document_sha256 TEXT, unit_key TEXT,
                        outcome TEXT NOT NULL, reasoning TEXT);
                    CREATE INDEX audit_texts_document ON audit_texts(document_sha256);
                    """)
        }
        migrator.registerMigration("v7-completion-lease") { db in
            // The worker that writes a run's outputs holds a lease, so a killed one is replaced.
            try db.execute(
                sql: """
                    ALTER TABLE runs ADD COLUMN lease_owner TEXT;
                    ALTER TABLE runs ADD COLUMN lease_expires DATETIME;
                    """)
        }
        return migrator
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    private static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    // MARK: Runs

    public func createRun(_ run: RunRecord) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (id, pipeline, pipeline_file, rule_set_version, status, started_at,
                        output_folder) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET status = excluded.status, rule_set_version = excluded.rule_set_version
                    """,
                arguments: [
                    run.id, run.pipeline, run.pipelineFile, run.ruleSetVersion, run.status.rawValue, run.startedAt,
                    run.outputFolder,
                ])
        }
    }

    public func run(id: String) throws -> RunRecord? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id]).map(RecordMapping.run)
        }
    }

    public func runs() throws -> [RunRecord] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY started_at").map(RecordMapping.run)
        }
    }

    public func finishRun(id: String, status: RunStatus) throws {
        try database.write { db in
            let head = try Row.fetchOne(
                db, sql: "SELECT sequence, hash FROM audit_records ORDER BY sequence DESC LIMIT 1")
            try db.execute(
                sql:
                    "UPDATE runs SET status = ?, finished_at = ?, audit_head_sequence = ?, audit_head_hash = ? WHERE "
                    + "id = ?",
                arguments: [status.rawValue, Date(), head?["sequence"] as Int64?, head?["hash"] as String?, id])
        }
    }

    // MARK: Documents

    public func pages(sha256: String) throws -> [ExtractedPage]? {
        try database.read { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM documents WHERE sha256 = ?", arguments: [sha256]) == true
            else { return nil }
            return try Row.fetchAll(
                db, sql: "SELECT * FROM pages WHERE sha256 = ? ORDER BY number", arguments: [sha256]
            ).map { row in
                ExtractedPage(
                    number: row["number"], text: row["text"], source: TextSource(rawValue: row["source"]) ?? .textLayer,
                    ocrReason: row["ocr_reason"], ocrConfidence: row["ocr_confidence"])
            }
        }
    }

    public func saveDocument(_ document: ExtractedDocument) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO documents (sha256, kind, page_count, metadata_json, partial,
                        warnings_json) VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    document.sha256, document.kind?.rawValue, document.pageCount, try Self.json(document.metadata),
                    document.partial, try Self.json(document.warnings),
                ])
            for page in document.pages {
                try db.execute(
                    sql:
                        "INSERT OR REPLACE INTO pages (sha256, number, text, source, ocr_reason, ocr_confidence) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [
                        document.sha256, page.number, page.text, page.source.rawValue, page.ocrReason,
                        page.ocrConfidence,
                    ])
            }
        }
    }

    public func recordRunDocument(run: String, path: String, sha256: String?, error: IngestError?) throws {
        try database.write { db in
            // An upsert, as PostgreSQL's: INSERT OR REPLACE deleted the row and with it the worker's claim.
            try db.execute(
                sql: """
                    INSERT INTO run_documents (run_id, path, sha256, error_json) VALUES (?, ?, ?, ?)
                    ON CONFLICT (run_id, path) DO UPDATE SET sha256 = excluded.sha256, error_json = excluded.error_json,
                        plan_json = NULL
                    """,
                arguments: [run, path, sha256, try error.map(Self.json)])
        }
    }

    public func savePlan(run: String, path: String, plan: DocumentPlan) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE run_documents SET plan_json = ? WHERE run_id = ? AND path = ?",
                arguments: [try Self.json(plan), run, path])
        }
    }

    public func runDocuments(run: String) throws -> [RunDocument] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run_documents WHERE run_id = ? ORDER BY path", arguments: [run])
                .map { row in
                    RunDocument(
                        path: row["path"], sha256: row["sha256"],
                        error: try (row["error_json"] as String?).map { try Self.decode(IngestError.self, $0) },
                        plan: try (row["plan_json"] as String?).map { try Self.decode(DocumentPlan.self, $0) })
                }
        }
    }

    // MARK: Units

    public func addUnits(
        _ units: [UnitRecord], chunks: [String: (text: String, heading: String)], run: String, audit: [AuditRecord]
    ) throws {
        try database.write { db in
            for record in audit { _ = try Self.append(record, in: db) }
            for (id, chunk) in chunks {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO chunks (id, text, heading) VALUES (?, ?, ?)",
                    arguments: [id, chunk.text, chunk.heading])
            }
            for unit in units {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO units (key, document_sha256, document_name, chunk_id, task, status,
                            route_json, reason)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        unit.key, unit.documentSHA256, unit.documentName, unit.chunkID, unit.task, unit.status.rawValue,
                        try Self.json(unit.route), unit.reason,
                    ])
                try db.execute(
                    sql: "INSERT OR IGNORE INTO run_units (run_id, unit_key) VALUES (?, ?)", arguments: [run, unit.key])
            }
        }
    }

    public func pendingUnits(run: String, document: String? = nil) throws -> [UnitRecord] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT u.* FROM units u JOIN run_units r ON r.unit_key = u.key
                    WHERE r.run_id = ? AND u.status = 'pending' AND (? IS NULL OR u.document_sha256 = ?)
                    ORDER BY u.document_name, u.key
                    """, arguments: [run, document, document]
            ).map(RecordMapping.unit)
        }
    }

    public func units(run: String) throws -> [UnitRecord] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT u.* FROM units u JOIN run_units r ON r.unit_key = u.key WHERE r.run_id = ? ORDER BY
                        u.document_name, u.key
                    """, arguments: [run]
            ).map(RecordMapping.unit)
        }
    }

    public func chunk(id: String) throws -> (text: String, heading: String)? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT text, heading FROM chunks WHERE id = ?", arguments: [id]).map {
                ($0["text"], $0["heading"])
            }
        }
    }

    public func markUnit(key: String, status: UnitStatus, reason: String?) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE units SET status = ?, reason = ? WHERE key = ? AND status != 'done'",
                arguments: [status.rawValue, reason, key])
        }
    }

    public func resetFailed(run: String) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    UPDATE units SET status = 'pending', reason = NULL
                    WHERE status = 'failed' AND key IN (SELECT unit_key FROM run_units WHERE run_id = ?)
                    """, arguments: [run])
        }
    }

    // MARK: Attempts and results

    public func startAttempt(unit: String, endpoint: String) throws -> Int64 {
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO attempts (unit_key, endpoint, started_at) VALUES (?, ?, ?)",
                arguments: [unit, endpoint, Date()])
            return db.lastInsertedRowID
        }
    }

    public func finishAttempt(id: Int64, outcome: String, httpStatus: Int?, error: String?) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE attempts SET finished_at = ?, outcome = ?, http_status = ?, error = ? WHERE id = ?",
                arguments: [Date(), outcome, httpStatus, error, id])
        }
    }

    @discardableResult
    public func saveResult(_ result: ResultRecord, audit: AuditRecord?) throws -> Bool {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO results (unit_key, endpoint, model, weights_digest, result_json,
                        prompt_tokens, completion_tokens,
                        latency_ms, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    result.unitKey, result.endpoint, result.model, result.weightsDigest, result.resultJSON,
                    result.promptTokens, result.completionTokens, result.latencyMilliseconds, result.finishedAt,
                ])
            guard db.changesCount == 1 else { return false }
            try db.execute(
                sql: "UPDATE units SET status = 'done', reason = NULL WHERE key = ?", arguments: [result.unitKey])
            if let audit { _ = try Self.append(audit, in: db) }
            return true
        }
    }

    public func results(run: String) throws -> [ResultRecord] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.* FROM results s JOIN run_units r ON r.unit_key = s.unit_key WHERE r.run_id = ? ORDER BY
                        s.unit_key
                    """, arguments: [run]
            ).map(RecordMapping.result)
        }
    }

    public func result(unit: String) throws -> ResultRecord? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM results WHERE unit_key = ?", arguments: [unit]).map(
                RecordMapping.result)
        }
    }

    public func unit(key: String) throws -> UnitRecord? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM units WHERE key = ?", arguments: [key]).map(RecordMapping.unit)
        }
    }

    public func runIDs(containing unit: String) throws -> [String] {
        try database.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT r.id FROM runs r JOIN run_units u ON u.run_id = r.id WHERE u.unit_key = ? ORDER BY
                        r.started_at
                    """, arguments: [unit])
        }
    }

    public func tokenUsage(since: Date?, pipeline: String?) throws -> [TokenUsage] {
        try database.read { db in
            // A result reused by later runs counts once, for the pipeline of the first run that has it.
            try Row.fetchAll(
                db,
                sql: """
                    SELECT p.pipeline, s.endpoint, s.model, SUM(s.prompt_tokens) AS input, SUM(s.completion_tokens)
                        AS output,
                           COUNT(*) AS requests, MIN(s.finished_at) AS first, MAX(s.finished_at) AS last
                    FROM results s
                    JOIN (SELECT unit_key, MIN(run_id) AS run_id FROM run_units GROUP BY unit_key) f ON f.unit_key =
                        s.unit_key
                    JOIN runs p ON p.id = f.run_id
                    WHERE (? IS NULL OR s.finished_at >= ?) AND (? IS NULL OR p.pipeline = ?)
                    GROUP BY p.pipeline, s.endpoint, s.model ORDER BY p.pipeline, s.endpoint
                    """, arguments: [since, since, pipeline, pipeline]
            ).map { row in
                TokenUsage(
                    pipeline: row["pipeline"], endpoint: row["endpoint"], model: row["model"],
                    promptTokens: row["input"],
                    completionTokens: row["output"], requests: row["requests"], first: row["first"], last: row["last"])
            }
        }
    }

    public func counts(run: String) throws -> RunCounts {
        try database.read { db in
            var counts = RunCounts()
            counts.documents =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM run_documents WHERE run_id = ?", arguments: [run]) ?? 0
            counts.failedDocuments =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM run_documents WHERE run_id = ? AND error_json IS NOT NULL",
                    arguments: [run]) ?? 0
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT u.status, COUNT(*) AS n FROM units u JOIN run_units r ON r.unit_key = u.key WHERE r.run_id
                        = ? GROUP BY u.status
                    """, arguments: [run])
            {
                let n: Int = row["n"]
                counts.units += n
                switch UnitStatus(rawValue: row["status"] as String) {
                case .done: counts.done = n
                case .held: counts.held = n
                case .failed: counts.failed = n
                case .pending, nil: break
                }
            }
            return counts
        }
    }
}
