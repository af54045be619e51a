/// The run store's schema in PostgreSQL: the same tables and columns as the SQLite store, in the
/// same migrations, in PostgreSQL's types. Applied in order, each once, recorded in
/// `docket_migrations`.
enum PostgresSchema {
    static let migrations: [(name: String, sql: String)] = [
        (
            "v1",
            """
            CREATE TABLE runs (id TEXT PRIMARY KEY, pipeline TEXT NOT NULL, pipeline_file TEXT NOT NULL,
                rule_set_version TEXT NOT NULL, status TEXT NOT NULL, started_at TIMESTAMPTZ NOT NULL, finished_at
                    TIMESTAMPTZ);
            CREATE TABLE documents (sha256 TEXT PRIMARY KEY, kind TEXT, page_count INTEGER NOT NULL,
                metadata_json TEXT NOT NULL, partial BOOLEAN NOT NULL, warnings_json TEXT NOT NULL);
            CREATE TABLE pages (sha256 TEXT NOT NULL REFERENCES documents(sha256), number INTEGER NOT NULL, text TEXT
                NOT NULL,
                source TEXT NOT NULL, ocr_reason TEXT, ocr_confidence INTEGER, PRIMARY KEY (sha256, number));
            CREATE TABLE run_documents (run_id TEXT NOT NULL REFERENCES runs(id), path TEXT NOT NULL, sha256 TEXT,
                error_json TEXT, PRIMARY KEY (run_id, path));
            CREATE TABLE chunks (id TEXT PRIMARY KEY, text TEXT NOT NULL);
            CREATE TABLE units (key TEXT PRIMARY KEY, document_sha256 TEXT NOT NULL, document_name TEXT NOT NULL,
                chunk_id TEXT, task TEXT NOT NULL, status TEXT NOT NULL, route_json TEXT NOT NULL, reason TEXT);
            CREATE TABLE run_units (run_id TEXT NOT NULL REFERENCES runs(id), unit_key TEXT NOT NULL REFERENCES
                units(key),
                PRIMARY KEY (run_id, unit_key));
            CREATE TABLE attempts (id BIGSERIAL PRIMARY KEY, unit_key TEXT NOT NULL REFERENCES units(key),
                endpoint TEXT NOT NULL, started_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ, outcome TEXT,
                    http_status INTEGER, error TEXT);
            -- One result per unit, enforced by the key: a late second answer is refused.
            CREATE TABLE results (unit_key TEXT PRIMARY KEY REFERENCES units(key), endpoint TEXT NOT NULL, model TEXT
                NOT NULL,
                weights_digest TEXT, result_json TEXT NOT NULL, prompt_tokens INTEGER NOT NULL, completion_tokens
                    INTEGER NOT NULL,
                latency_ms INTEGER NOT NULL, finished_at TIMESTAMPTZ NOT NULL);
            CREATE INDEX attempts_unit ON attempts(unit_key);
            """
        ),
        ("v2-chunk-headings", "ALTER TABLE chunks ADD COLUMN heading TEXT NOT NULL DEFAULT ''"),
        (
            "v3-audit-reports",
            """
            ALTER TABLE runs ADD COLUMN output_folder TEXT;
            ALTER TABLE runs ADD COLUMN audit_head_sequence BIGINT;
            ALTER TABLE runs ADD COLUMN audit_head_hash TEXT;
            ALTER TABLE run_documents ADD COLUMN plan_json TEXT;
            CREATE TABLE audit_records (sequence BIGINT PRIMARY KEY, id TEXT NOT NULL UNIQUE, at TEXT NOT NULL,
                run_id TEXT,
                kind TEXT NOT NULL, document_sha256 TEXT, chunk_id TEXT, unit_key TEXT, input_hash TEXT,
                    rule_set_version TEXT,
                prompt_schema_hash TEXT, endpoint TEXT, model TEXT, weights_digest TEXT, confidence DOUBLE PRECISION,
                    reasoning TEXT,
                outcome TEXT NOT NULL, actor TEXT, refers_to TEXT, previous_hash TEXT NOT NULL, hash TEXT NOT NULL);
            CREATE INDEX audit_unit ON audit_records(unit_key);
            CREATE INDEX audit_at ON audit_records(at);
            CREATE TABLE audit_retention_permit (active INTEGER NOT NULL);
            CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM audit_retention_permit) THEN RETURN OLD; END IF;
                RAISE EXCEPTION 'audit records are append-only';
            END $$;
            CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_records FOR EACH ROW EXECUTE FUNCTION
                audit_append_only();
            CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_records FOR EACH ROW EXECUTE FUNCTION
                audit_append_only();
            CREATE TABLE challenges (id TEXT PRIMARY KEY, decision_id TEXT NOT NULL, decision_kind TEXT NOT NULL,
                unit_key TEXT,
                challenged_by TEXT NOT NULL, reason TEXT NOT NULL, opened_at TIMESTAMPTZ NOT NULL, status TEXT NOT NULL,
                reviewer TEXT, note TEXT, reviewed_at TIMESTAMPTZ, result_json TEXT, rerun_endpoint TEXT);
            CREATE INDEX challenges_unit ON challenges(unit_key);
            """
        ),
        (
            "v4-schedules-submissions",
            """
            CREATE TABLE schedules (pipeline TEXT PRIMARY KEY, next_due TIMESTAMPTZ);
            CREATE TABLE locks (pipeline TEXT PRIMARY KEY, holder TEXT NOT NULL, host TEXT NOT NULL, pid INTEGER NOT
                NULL,
                acquired_at TIMESTAMPTZ NOT NULL, heartbeat TIMESTAMPTZ NOT NULL);
            CREATE TABLE submissions (id TEXT PRIMARY KEY, pipeline TEXT NOT NULL, folder TEXT NOT NULL, submitted_by
                TEXT,
                note TEXT, submitted_at TIMESTAMPTZ NOT NULL, status TEXT NOT NULL, run_id TEXT);
            CREATE TABLE submission_files (submission_id TEXT NOT NULL REFERENCES submissions(id), path TEXT NOT NULL,
                sha256 TEXT NOT NULL, PRIMARY KEY (submission_id, path));
            """
        ),
        (
            "v5-work-leases",
            """
            ALTER TABLE units ADD COLUMN lease_owner TEXT;
            ALTER TABLE units ADD COLUMN lease_expires TIMESTAMPTZ;
            ALTER TABLE run_documents ADD COLUMN state TEXT;
            ALTER TABLE run_documents ADD COLUMN lease_owner TEXT;
            ALTER TABLE run_documents ADD COLUMN lease_expires TIMESTAMPTZ;
            CREATE INDEX units_status ON units(status);
            """
        ),
        (
            "v6-audit-texts",
            """
            CREATE TABLE audit_texts (record_id TEXT PRIMARY KEY, document_sha256 TEXT, unit_key TEXT,
                outcome TEXT NOT NULL, reasoning TEXT);
            CREATE INDEX audit_texts_document ON audit_texts(document_sha256);
            """
        ),
        (
            "v7-completion-lease",
            """
            ALTER TABLE runs ADD COLUMN lease_owner TEXT;
            ALTER TABLE runs ADD COLUMN lease_expires TIMESTAMPTZ;
            """
        ),
    ]
}
