import Foundation

extension SQLRunStore {
    public func requestRerun(_ request: RerunRequest) async throws {
        try await executor.execute(
            """
            INSERT INTO rerun_requests (id, challenge_id, endpoint, requested_by, note, requested_at, status)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
            """,
            [
                request.id, request.challengeID, request.endpoint, request.requestedBy, request.note,
                request.requestedAt, request.status.rawValue,
            ])
    }

    public func rerunRequests(challenge: String) async throws -> [RerunRequest] {
        try await executor.query(
            "SELECT * FROM rerun_requests WHERE challenge_id = $1 ORDER BY requested_at", [challenge]
        ).map(Self.rerunRequest)
    }

    public func claimRerun(lease: TimeInterval) async throws -> RerunRequest? {
        try await executor.transaction { connection in
            guard
                let row = try connection.query(
                    """
                    SELECT r.* FROM rerun_requests r WHERE r.status = \(Literal.queuedRerun)
                        OR (r.status = \(Literal.runningRerun) AND r.lease_expires < \(connection.dialect.now))
                    ORDER BY r.requested_at LIMIT 1 \(connection.dialect.skipLocked("r"))
                    """
                ).first
            else { return nil }
            var request = Self.rerunRequest(row)
            try connection.execute(
                """
                UPDATE rerun_requests
                SET status = \(Literal.runningRerun), lease_expires = \(connection.dialect.later("$1"))
                WHERE id = $2
                """, [lease, request.id])
            request.status = .running
            return request
        }
    }

    public func finishRerun(id: String, status: RerunRequest.Status, problem: String?, at date: Date) async throws {
        try await executor.execute(
            "UPDATE rerun_requests SET status = $1, problem = $2, finished_at = $3, note = NULL WHERE id = $4",
            [status.rawValue, problem, date, id])
    }

    static func rerunRequest(_ row: SQLRow) -> RerunRequest {
        var request = RerunRequest(
            id: row.text("id") ?? "", challengeID: row.text("challenge_id") ?? "", endpoint: row.text("endpoint") ?? "",
            requestedBy: row.text("requested_by") ?? "", note: row.text("note") ?? "",
            requestedAt: row.timestamp("requested_at") ?? .distantPast)
        request.note = row.text("note")
        request.status = RerunRequest.Status(rawValue: row.text("status") ?? "") ?? .failed
        request.problem = row.text("problem")
        request.finishedAt = row.timestamp("finished_at")
        return request
    }
}
