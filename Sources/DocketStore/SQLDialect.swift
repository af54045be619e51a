import Foundation

/// What differs in the text of the statements between SQLite and PostgreSQL: column types,
/// time arithmetic, and the locks that SQLite does not need (its write transaction locks the
/// whole file).
public struct SQLDialect: Sendable {
    public let name: String
    /// A point in time; its values compare in time order.
    public let timestamp: String
    public let bigint: String
    public let boolean: String
    public let real: String
    /// An integer key the database numbers itself.
    public let serialKey: String
    /// The statements that make `audit_records` append-only, but for retention holding its permit.
    public let appendOnlyAudit: String
    /// The current time, as an expression.
    public let now: String
    /// The expression for `now` plus the seconds bound at `placeholder`.
    public let later: @Sendable (_ placeholder: String) -> String
    /// Locks the candidate rows (of the table with this alias) that a claim selects, skipping
    /// those another worker holds; nothing where the transaction already holds the file.
    public let skipLocked: @Sendable (_ alias: String) -> String
    /// Serialises appends to the audit chain across processes; nil where the transaction already does.
    public let auditChainLock: String?
    /// Serialises takers of the pipeline lock named by `$1`; nil where the transaction already does.
    public let pipelineLock: String?

    public static let sqlite = SQLDialect(
        name: "SQLite", timestamp: "DATETIME", bigint: "INTEGER", boolean: "INTEGER", real: "REAL",
        serialKey: "INTEGER PRIMARY KEY AUTOINCREMENT",
        appendOnlyAudit: """
            CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_records
                BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
            CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_records
                WHEN (SELECT COUNT(*) FROM audit_retention_permit) = 0
                BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
            """,
        // GRDB's text for dates ("2026-11-25 12:00:00.123", UTC), so that stored dates compare.
        now: "strftime('%Y-%m-%d %H:%M:%f', 'now')",
        later: { "strftime('%Y-%m-%d %H:%M:%f', 'now', printf('%+.3f seconds', \($0)))" },
        skipLocked: { _ in "" }, auditChainLock: nil, pipelineLock: nil)

    public static let postgres = SQLDialect(
        name: "PostgreSQL", timestamp: "TIMESTAMPTZ", bigint: "BIGINT", boolean: "BOOLEAN", real: "DOUBLE PRECISION",
        serialKey: "BIGSERIAL PRIMARY KEY",
        appendOnlyAudit: """
            CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM audit_retention_permit) THEN RETURN OLD; END IF;
                RAISE EXCEPTION 'audit records are append-only';
            END $$;
            CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_records FOR EACH ROW
                EXECUTE FUNCTION audit_append_only();
            CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_records FOR EACH ROW
                EXECUTE FUNCTION audit_append_only();
            """,
        // The server's clock: workers on several machines agree on when a lease ends.
        now: "now()",
        later: { "now() + make_interval(secs => \($0))" },
        skipLocked: { "FOR UPDATE OF \($0) SKIP LOCKED" },
        auditChainLock: "SELECT pg_advisory_xact_lock(7348002)",
        pipelineLock: "SELECT pg_advisory_xact_lock(hashtext('docket-lock:' || $1))")
}

extension SQLDialect {
    /// Where a statement must be written for one backend only (full-text search, JSON in migrations).
    var isPostgres: Bool { name == SQLDialect.postgres.name }
}
