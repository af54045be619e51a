import DocketRecords
import Foundation

extension SQLRunStore: WorkQueueStore {
    public func enqueueDocuments(run: String, paths: [String]) async throws {
        try await executor.transaction { connection in
            for path in paths {
                try connection.execute(
                    """
                    INSERT INTO run_documents (run_id, path, state) VALUES ($1, $2, \(Literal.queuedDocument))
                    ON CONFLICT DO NOTHING
                    """, [run, path])
            }
        }
    }

    /// Selects the candidates and leases them in one transaction. SQLite's holds the file's write
    /// lock; PostgreSQL's locks the candidate rows and skips those another worker holds, so
    /// workers claiming at the same moment take different rows without waiting for each other.
    public func claimDocuments(
        runs: [String], owner: String, limit: Int, lease: TimeInterval
    ) async throws -> [(run: String, path: String)] {
        guard !runs.isEmpty else { return [] }
        return try await executor.transaction { connection in
            let candidates = try connection.query(
                """
                SELECT d.run_id, d.path FROM run_documents d
                WHERE d.run_id IN (\(Self.placeholders(runs.count, from: 2)))
                    AND (d.state = \(Literal.queuedDocument)
                        OR (d.state = \(Literal.claimedDocument) AND d.lease_expires < \(connection.dialect.now)))
                ORDER BY d.run_id, d.path LIMIT $1 \(connection.dialect.skipLocked("d"))
                """, [limit] + runs)
            for row in candidates {
                try connection.execute(
                    """
                    UPDATE run_documents
                    SET state = \(Literal.claimedDocument), lease_owner = $1,
                        lease_expires = \(connection.dialect.later("$2"))
                    WHERE run_id = $3 AND path = $4
                    """, [owner, lease, row.text("run_id"), row.text("path")])
            }
            return candidates.map { (run: $0.text("run_id") ?? "", path: $0.text("path") ?? "") }
        }
    }

    public func completeDocument(run: String, path: String, owner: String) async throws {
        try await executor.execute(
            """
            UPDATE run_documents SET state = \(Literal.doneDocument), lease_owner = NULL, lease_expires = NULL
            WHERE run_id = $1 AND path = $2
            """, [run, path])
    }

    public func claimUnits(
        runs: [String], owner: String, limit: Int, lease: TimeInterval
    ) async throws -> [(run: String, unit: UnitRecord)] {
        guard !runs.isEmpty else { return [] }
        return try await executor.transaction { connection in
            let candidates = try connection.query(
                Self.claimCandidates(runs: runs.count, dialect: connection.dialect), [limit] + runs)
            var claimed: [(run: String, unit: UnitRecord)] = []
            for row in candidates {
                let unit = try RecordMapping.unit(row)
                // A unit shared by two of the runs comes once.
                guard !claimed.contains(where: { $0.unit.key == unit.key }) else { continue }
                try connection.execute(
                    """
                    UPDATE units SET lease_owner = $1, lease_expires = \(connection.dialect.later("$2")) WHERE key = $3
                    """, [owner, lease, unit.key])
                claimed.append((row.text("run_id") ?? "", unit))
            }
            return claimed
        }
    }

    /// The next pending units of `runs` runs (`$2`…) not leased to anyone, at most `$1`, in document order:
    /// read in that order from the index `units_claim` (status, document name, key), so a claim stops after
    /// the units in flight at the head instead of sorting every pending unit of the run.
    static func claimCandidates(runs: Int, dialect: SQLDialect) -> String {
        """
        SELECT \(SharedRoute.unitColumns), r.run_id FROM units u JOIN run_units r ON r.unit_key = u.key
            \(SharedRoute.join)
        WHERE r.run_id IN (\(placeholders(runs, from: 2))) AND u.status = \(Literal.pendingUnit)
            AND (u.lease_expires IS NULL OR u.lease_expires < \(dialect.now))
        ORDER BY u.document_name, u.key LIMIT $1 \(dialect.skipLocked("u"))
        """
    }

    public func renewLeases(owner: String, lease: TimeInterval) async throws {
        try await executor.transaction { connection in
            let until = connection.dialect.later("$2")
            try connection.execute(
                "UPDATE units SET lease_expires = \(until) WHERE lease_owner = $1 AND status = \(Literal.pendingUnit)",
                [owner, lease])
            try connection.execute(
                """
                UPDATE run_documents SET lease_expires = \(until)
                WHERE lease_owner = $1 AND state = \(Literal.claimedDocument)
                """, [owner, lease])
            try connection.execute(
                "UPDATE runs SET lease_expires = \(until) WHERE lease_owner = $1 AND status = \(Literal.completingRun)",
                [owner, lease])
        }
    }

    public func releaseUnit(key: String, owner: String) async throws {
        try await executor.execute(
            "UPDATE units SET lease_owner = NULL, lease_expires = NULL WHERE key = $1 AND lease_owner = $2",
            [key, owner])
    }

    public func activeRuns() async throws -> [RunRecord] {
        // Asked before every claim: only the active runs, not the whole history.
        try await executor.query(
            """
            SELECT * FROM runs WHERE status IN (\(Literal.queuedRun), \(Literal.runningRun))
                OR (status = \(Literal.completingRun) AND lease_expires < \(dialect.now))
            ORDER BY started_at
            """
        ).map(RecordMapping.run)
    }

    public func waitingWork() async throws -> (pendingUnits: [String: Int], openChallenges: Int) {
        var pending: [String: Int] = [:]
        for row in try await executor.query(
            """
            SELECT r.pipeline, COUNT(*) AS n FROM runs r JOIN run_units ru ON ru.run_id = r.id
                JOIN units u ON u.key = ru.unit_key
            WHERE r.status IN (\(Literal.queuedRun), \(Literal.runningRun)) AND u.status = \(Literal.pendingUnit)
            GROUP BY r.pipeline
            """)
        {
            pending[row.text("pipeline") ?? ""] = Int(row.integer("n") ?? 0)
        }
        let open = try await executor.count(
            "SELECT COUNT(*) AS n FROM challenges WHERE status = \(Literal.openChallenge)", [])
        return (pending, open)
    }

    public func isFinished(run: String) async throws -> Bool {
        try await executor.read { connection in
            let documents = try connection.count(
                """
                SELECT COUNT(*) AS n FROM run_documents
                WHERE run_id = $1 AND state IN (\(Literal.queuedDocument), \(Literal.claimedDocument))
                """, [run])
            let units = try connection.count(
                """
                SELECT COUNT(*) AS n FROM units u JOIN run_units r ON r.unit_key = u.key
                WHERE r.run_id = $1 AND u.status = \(Literal.pendingUnit)
                """, [run])
            return documents == 0 && units == 0
        }
    }

    public func markRunning(_ run: String) async throws {
        try await executor.execute(
            "UPDATE runs SET status = \(Literal.runningRun) WHERE id = $1 AND status = \(Literal.queuedRun)",
            [run])
    }

    public func completeRun(_ run: String, owner: String, lease: TimeInterval) async throws -> Bool {
        try await executor.execute(
            """
            UPDATE runs SET status = \(Literal.completingRun), lease_owner = $2, lease_expires = \(dialect.later("$3"))
            WHERE id = $1 AND (status IN (\(Literal.queuedRun), \(Literal.runningRun))
                OR (status = \(Literal.completingRun) AND (lease_expires < \(dialect.now) OR lease_owner = $2)))
            """, [run, owner, lease]
        ) == 1
    }
}
