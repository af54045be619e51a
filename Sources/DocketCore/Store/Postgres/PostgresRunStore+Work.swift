import Foundation

extension PostgresRunStore: WorkQueueStore {
    public func enqueueDocuments(run: String, paths: [String]) throws {
        try connection.transaction {
            for path in paths {
                try connection.execute(
                    "INSERT INTO run_documents (run_id, path, state) VALUES ($1, $2, 'queued') ON CONFLICT DO NOTHING",
                    [run, path])
            }
        }
    }

    /// `FOR UPDATE SKIP LOCKED`: workers claiming at the same moment take different rows, without
    /// waiting for each other.
    public func claimDocuments(
        runs: [String], owner: String, limit: Int, lease: TimeInterval
    ) throws -> [(run: String, path: String)] {
        guard !runs.isEmpty else { return [] }
        return try connection.execute(
            """
            UPDATE run_documents d SET state = 'claimed', lease_owner = $1, lease_expires = now() +
                make_interval(secs => $2)
            FROM (SELECT run_id, path FROM run_documents
                  WHERE run_id = ANY($3::text[]) AND (state = 'queued' OR (state = 'claimed' AND lease_expires < now()))
                  ORDER BY run_id, path LIMIT $4 FOR UPDATE SKIP LOCKED) c
            WHERE d.run_id = c.run_id AND d.path = c.path
            RETURNING d.run_id, d.path
            """, [owner, lease, Self.array(runs), limit]
        ).map { (run: $0.string("run_id"), path: $0.string("path")) }
    }

    public func completeDocument(run: String, path: String, owner: String) throws {
        try connection.execute(
            "UPDATE run_documents SET state = 'done', lease_owner = NULL, lease_expires = NULL WHERE run_id = $1 AND "
                + "path = $2",
            [run, path])
    }

    public func claimUnits(
        runs: [String], owner: String, limit: Int, lease: TimeInterval
    ) throws -> [(run: String, unit: UnitRecord)] {
        guard !runs.isEmpty else { return [] }
        return try connection.execute(
            """
            UPDATE units u SET lease_owner = $1, lease_expires = now() + make_interval(secs => $2)
            FROM (SELECT p.key, r.run_id FROM units p JOIN run_units r ON r.unit_key = p.key
                  WHERE r.run_id = ANY($3::text[]) AND p.status = 'pending' AND (p.lease_expires IS NULL OR
                      p.lease_expires < now())
                  ORDER BY p.document_name, p.key LIMIT $4 FOR UPDATE OF p SKIP LOCKED) c
            WHERE u.key = c.key
            RETURNING u.*, c.run_id
            """, [owner, lease, Self.array(runs), limit]
        ).map { (run: $0.string("run_id"), unit: try RecordMapping.unit($0)) }
    }

    public func renewLeases(owner: String, lease: TimeInterval) throws {
        try connection.execute(
            "UPDATE units SET lease_expires = now() + make_interval(secs => $2) WHERE lease_owner = $1 AND status = "
                + "'pending'",
            [owner, lease])
        try connection.execute(
            "UPDATE run_documents SET lease_expires = now() + make_interval(secs => $2) WHERE lease_owner = $1 AND "
                + "state = 'claimed'",
            [owner, lease])
        try connection.execute(
            "UPDATE runs SET lease_expires = now() + make_interval(secs => $2) WHERE lease_owner = $1 AND status = "
                + "'completing'",
            [owner, lease])
    }

    public func releaseUnit(key: String, owner: String) throws {
        try connection.execute(
            "UPDATE units SET lease_owner = NULL, lease_expires = NULL WHERE key = $1 AND lease_owner = $2",
            [key, owner])
    }

    public func activeRuns() throws -> [RunRecord] {
        // Asked before every claim: only the active runs, not the whole history.
        try connection.execute(
            """
            SELECT * FROM runs WHERE status IN ('queued', 'running')
                OR (status = 'completing' AND lease_expires < now())
            ORDER BY started_at
            """
        ).map(RecordMapping.run)
    }

    public func isFinished(run: String) throws -> Bool {
        let documents =
            try connection.execute(
                "SELECT COUNT(*) AS n FROM run_documents WHERE run_id = $1 AND state IN ('queued', 'claimed')", [run]
            )
            .first?.int("n") ?? 0
        let units =
            try connection.execute(
                """
                SELECT COUNT(*) AS n FROM units u JOIN run_units r ON r.unit_key = u.key WHERE r.run_id = $1 AND
                    u.status = 'pending'
                """, [run]
            ).first?.int("n") ?? 0
        return documents == 0 && units == 0
    }

    public func markRunning(_ run: String) throws {
        try connection.execute("UPDATE runs SET status = 'running' WHERE id = $1 AND status = 'queued'", [run])
    }

    public func completeRun(_ run: String, owner: String, lease: TimeInterval) throws -> Bool {
        try connection.execute(
            """
            UPDATE runs SET status = 'completing', lease_owner = $2, lease_expires = now() + make_interval(secs => $3)
            WHERE id = $1 AND (status IN ('queued', 'running')
                OR (status = 'completing' AND (lease_expires < now() OR lease_owner = $2)))
            """, [run, owner, lease]
        ).affected == 1
    }

    /// A text[] literal: {"a","b"} with quotes and backslashes escaped.
    static func array(_ values: [String]) -> String {
        "{"
            + values.map {
                "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                    + "\""
            }
            .joined(separator: ",") + "}"
    }
}
