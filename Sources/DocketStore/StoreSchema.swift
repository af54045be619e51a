/// The run store's schema: one list of migrations for every backend, each applied once, in order,
/// under the name it is recorded by (GRDB's migrator in SQLite, `docket_migrations` in
/// PostgreSQL). Types that differ come from the dialect.
enum StoreSchema {
    static let migrations: [StoreMigration] = [
        StoreMigration(name: "v1") { d in
            """
            CREATE TABLE runs (id TEXT PRIMARY KEY, pipeline TEXT NOT NULL, pipeline_file TEXT NOT NULL,
                rule_set_version TEXT NOT NULL, status TEXT NOT NULL, started_at \(d.timestamp) NOT NULL,
                finished_at \(d.timestamp));
            CREATE TABLE documents (sha256 TEXT PRIMARY KEY, kind TEXT, page_count INTEGER NOT NULL,
                metadata_json TEXT NOT NULL, partial \(d.boolean) NOT NULL, warnings_json TEXT NOT NULL);
            CREATE TABLE pages (sha256 TEXT NOT NULL REFERENCES documents(sha256), number INTEGER NOT NULL,
                text TEXT NOT NULL, source TEXT NOT NULL, ocr_reason TEXT, ocr_confidence INTEGER,
                PRIMARY KEY (sha256, number));
            CREATE TABLE run_documents (run_id TEXT NOT NULL REFERENCES runs(id), path TEXT NOT NULL, sha256 TEXT,
                error_json TEXT, PRIMARY KEY (run_id, path));
            CREATE TABLE chunks (id TEXT PRIMARY KEY, text TEXT NOT NULL);
            CREATE TABLE units (key TEXT PRIMARY KEY, document_sha256 TEXT NOT NULL, document_name TEXT NOT NULL,
                chunk_id TEXT, task TEXT NOT NULL, status TEXT NOT NULL, route_json TEXT NOT NULL, reason TEXT);
            CREATE TABLE run_units (run_id TEXT NOT NULL REFERENCES runs(id),
                unit_key TEXT NOT NULL REFERENCES units(key), PRIMARY KEY (run_id, unit_key));
            CREATE TABLE attempts (id \(d.serialKey), unit_key TEXT NOT NULL REFERENCES units(key),
                endpoint TEXT NOT NULL, started_at \(d.timestamp) NOT NULL, finished_at \(d.timestamp),
                outcome TEXT, http_status INTEGER, error TEXT);
            -- One result per unit, enforced by the key: a late second answer is refused.
            CREATE TABLE results (unit_key TEXT PRIMARY KEY REFERENCES units(key), endpoint TEXT NOT NULL,
                model TEXT NOT NULL, weights_digest TEXT, result_json TEXT NOT NULL, prompt_tokens INTEGER NOT NULL,
                completion_tokens INTEGER NOT NULL, latency_ms INTEGER NOT NULL,
                finished_at \(d.timestamp) NOT NULL);
            CREATE INDEX attempts_unit ON attempts(unit_key);
            """
        },
        StoreMigration(name: "v2-chunk-headings") { _ in
            "ALTER TABLE chunks ADD COLUMN heading TEXT NOT NULL DEFAULT ''"
        },
        StoreMigration(name: "v3-audit-reports") { d in
            """
            ALTER TABLE runs ADD COLUMN output_folder TEXT;
            ALTER TABLE runs ADD COLUMN audit_head_sequence \(d.bigint);
            ALTER TABLE runs ADD COLUMN audit_head_hash TEXT;
            ALTER TABLE run_documents ADD COLUMN plan_json TEXT;
            CREATE TABLE audit_records (sequence \(d.bigint) PRIMARY KEY, id TEXT NOT NULL UNIQUE, at TEXT NOT NULL,
                run_id TEXT, kind TEXT NOT NULL, document_sha256 TEXT, chunk_id TEXT, unit_key TEXT,
                input_hash TEXT, rule_set_version TEXT, prompt_schema_hash TEXT, endpoint TEXT, model TEXT,
                weights_digest TEXT, confidence \(d.real), reasoning TEXT, outcome TEXT NOT NULL, actor TEXT,
                refers_to TEXT, previous_hash TEXT NOT NULL, hash TEXT NOT NULL);
            CREATE INDEX audit_unit ON audit_records(unit_key);
            CREATE INDEX audit_at ON audit_records(at);
            -- Append-only: only retention may delete, and only while it holds the permit.
            CREATE TABLE audit_retention_permit (active INTEGER NOT NULL);
            \(d.appendOnlyAudit)
            CREATE TABLE challenges (id TEXT PRIMARY KEY, decision_id TEXT NOT NULL, decision_kind TEXT NOT NULL,
                unit_key TEXT, challenged_by TEXT NOT NULL, reason TEXT NOT NULL,
                opened_at \(d.timestamp) NOT NULL, status TEXT NOT NULL, reviewer TEXT, note TEXT,
                reviewed_at \(d.timestamp), result_json TEXT, rerun_endpoint TEXT);
            CREATE INDEX challenges_unit ON challenges(unit_key);
            """
        },
        StoreMigration(name: "v4-schedules-submissions") { d in
            """
            CREATE TABLE schedules (pipeline TEXT PRIMARY KEY, next_due \(d.timestamp));
            CREATE TABLE locks (pipeline TEXT PRIMARY KEY, holder TEXT NOT NULL, host TEXT NOT NULL,
                pid INTEGER NOT NULL, acquired_at \(d.timestamp) NOT NULL, heartbeat \(d.timestamp) NOT NULL);
            CREATE TABLE submissions (id TEXT PRIMARY KEY, pipeline TEXT NOT NULL, folder TEXT NOT NULL,
                submitted_by TEXT, note TEXT, submitted_at \(d.timestamp) NOT NULL, status TEXT NOT NULL,
                run_id TEXT);
            CREATE TABLE submission_files (submission_id TEXT NOT NULL REFERENCES submissions(id),
                path TEXT NOT NULL, sha256 TEXT NOT NULL, PRIMARY KEY (submission_id, path));
            """
        },
        StoreMigration(name: "v5-work-leases") { d in
            """
            ALTER TABLE units ADD COLUMN lease_owner TEXT;
            ALTER TABLE units ADD COLUMN lease_expires \(d.timestamp);
            ALTER TABLE run_documents ADD COLUMN state TEXT;
            ALTER TABLE run_documents ADD COLUMN lease_owner TEXT;
            ALTER TABLE run_documents ADD COLUMN lease_expires \(d.timestamp);
            CREATE INDEX units_status ON units(status);
            """
        },
        StoreMigration(name: "v6-audit-texts") { _ in
            // What models and people wrote, out of the append-only chain, so that it can be erased.
            """
            CREATE TABLE audit_texts (record_id TEXT PRIMARY KEY, document_sha256 TEXT, unit_key TEXT,
                outcome TEXT NOT NULL, reasoning TEXT);
            CREATE INDEX audit_texts_document ON audit_texts(document_sha256);
            """
        },
        StoreMigration(name: "v7-completion-lease") { d in
            // The worker that writes a run's outputs holds a lease, so a killed one is replaced.
            """
            ALTER TABLE runs ADD COLUMN lease_owner TEXT;
            ALTER TABLE runs ADD COLUMN lease_expires \(d.timestamp);
            """
        },
        StoreMigration(name: "v8-web-accounts") { d in
            // The web workspace: who signs in, their sessions (token hashes only), failed sign-ins.
            """
            CREATE TABLE accounts (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
                roles TEXT NOT NULL, disabled INTEGER NOT NULL, created_at \(d.timestamp) NOT NULL);
            CREATE TABLE web_sessions (token_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                csrf_token TEXT NOT NULL, created_at \(d.timestamp) NOT NULL, last_seen_at \(d.timestamp) NOT NULL);
            CREATE TABLE signin_failures (key TEXT NOT NULL, at \(d.timestamp) NOT NULL);
            CREATE INDEX signin_failures_key ON signin_failures(key, at);
            """
        },
        StoreMigration(name: "v9-api-tokens") { d in
            // A document-management system pushes submissions with an account's token: its hash only.
            """
            CREATE TABLE api_tokens (token_hash TEXT PRIMARY KEY,
                account_id TEXT NOT NULL UNIQUE REFERENCES accounts(id), created_at \(d.timestamp) NOT NULL);
            """
        },
        StoreMigration(name: "v10-rerun-requests") { d in
            // A reviewer's rerun on another endpoint, asked in the workspace, done by `docket serve`.
            """
            CREATE TABLE rerun_requests (id TEXT PRIMARY KEY, challenge_id TEXT NOT NULL, endpoint TEXT NOT NULL,
                requested_by TEXT NOT NULL, note TEXT, requested_at \(d.timestamp) NOT NULL, status TEXT NOT NULL,
                problem TEXT, finished_at \(d.timestamp));
            CREATE INDEX rerun_requests_status ON rerun_requests(status, requested_at);
            """
        },
        StoreMigration(name: "v11-submission-start") { _ in
            // A submission may wait for its pipeline's next scheduled run instead of starting at once.
            "ALTER TABLE submissions ADD COLUMN start_now INTEGER NOT NULL DEFAULT 1;"
        },
        StoreMigration(name: "v12-rerun-lease") { d in
            // A rerun whose `docket serve` was killed is taken up again when its lease runs out.
            "ALTER TABLE rerun_requests ADD COLUMN lease_expires \(d.timestamp);"
        },
        StoreMigration(name: "v13-page-layouts") { _ in
            // The page view's word boxes of OCRed pages (`PageLayoutStore`), erased with their document;
            // a run's document, its units and results found by the document's hash (and erasure's
            // statements by hash) without reading the run's or the store's.
            """
            CREATE TABLE page_layouts (sha256 TEXT NOT NULL, number INTEGER NOT NULL, variant TEXT NOT NULL,
                layout_json TEXT NOT NULL, PRIMARY KEY (sha256, number, variant));
            CREATE INDEX run_documents_sha256 ON run_documents(sha256, run_id, path);
            CREATE INDEX units_document ON units(document_sha256);
            """
        },
        StoreMigration(name: "v14-run-counts") { _ in
            // A finished run's counts, summed once as it ends (and again after an erasure): pages that list
            // runs read them instead of summing every unit of every run on each view.
            "ALTER TABLE runs ADD COLUMN counts_json TEXT;"
        },
        StoreMigration(name: "v15-claim-order") { _ in
            // Workers claim pending units in document order from this index, not by sorting all of them on
            // each claim (which made a worker's claims grow with the run); it serves `status` alone too.
            """
            CREATE INDEX units_claim ON units(status, document_name, key);
            DROP INDEX units_status;
            """
        },
        StoreMigration(name: "v16-runs-started") { _ in
            // The runs list, newest first, a page at a time.
            "CREATE INDEX runs_started ON runs(started_at, id);"
        },
        StoreMigration(name: "v17-challenge-pages") { _ in
            // The review queue (open challenges) and the list of every challenge, a page at a time, and a
            // decision's challenges, each from an index rather than every challenge in the store.
            """
            CREATE INDEX challenges_queue ON challenges(status, opened_at, id);
            CREATE INDEX challenges_opened ON challenges(opened_at, id);
            CREATE INDEX challenges_decision ON challenges(decision_id);
            """
        },
        StoreMigration(name: "v18-submission-lookups") { _ in
            // A waiting submission, a submitter's runs and a document's uploaded copies, each found by an index:
            // a submission of 30,000 files is not read whole to show the runs list or to check a page's access.
            """
            CREATE INDEX submissions_status ON submissions(status, submitted_at);
            CREATE INDEX submission_files_sha256 ON submission_files(sha256);
            """
        },
        StoreMigration(name: "v19-submission-matters") { _ in
            // The matter a submission's documents belong to, shown for its run in the lists.
            """
            ALTER TABLE submissions ADD COLUMN matter TEXT;
            CREATE INDEX submissions_run ON submissions(run_id);
            """
        },
        StoreMigration(name: "v20-clause-cells") { d in
            // The clause grid: each document's clause categories found, one row each, so that the grid is
            // filtered, sorted and paged by the store; the document's type, language, level and finding types
            // (",iban,person,") beside it, for the search's filters. Plans saved before are read here, once.
            """
            CREATE TABLE clause_cells (run_id TEXT NOT NULL, path TEXT NOT NULL, category TEXT NOT NULL,
                answer TEXT, first_page INTEGER NOT NULL, start_offset INTEGER NOT NULL,
                end_offset INTEGER NOT NULL, PRIMARY KEY (run_id, path, category));
            ALTER TABLE run_documents ADD COLUMN document_type TEXT;
            ALTER TABLE run_documents ADD COLUMN language TEXT;
            ALTER TABLE run_documents ADD COLUMN level TEXT;
            ALTER TABLE run_documents ADD COLUMN finding_types TEXT;
            \(ClauseCellStatements.fromPlans(d))
            """
        },
        StoreMigration(name: "v21-search") { d in
            // Full-text search over the pages (SearchStatements says how each store keeps it).
            SearchStatements.index(d)
        },
        StoreMigration(name: "v22-chunk-places") { _ in
            // A chunk's place in its document's pages instead of a copy of its text (StoredChunk); chunks stored
            // before keep their text.
            """
            ALTER TABLE chunks ADD COLUMN document_sha256 TEXT;
            ALTER TABLE chunks ADD COLUMN first_page INTEGER;
            ALTER TABLE chunks ADD COLUMN last_page INTEGER;
            ALTER TABLE chunks ADD COLUMN start_byte INTEGER;
            ALTER TABLE chunks ADD COLUMN end_byte INTEGER;
            """
        },
        StoreMigration(name: "v23-shared-routes") { _ in
            // What units' routes share, kept once (SharedRoute); units stored before keep their route whole.
            """
            CREATE TABLE routes (id TEXT PRIMARY KEY, route_json TEXT NOT NULL);
            ALTER TABLE units ADD COLUMN route_id TEXT;
            ALTER TABLE units ADD COLUMN needed_tokens_json TEXT;
            """
        },
    ]
}
