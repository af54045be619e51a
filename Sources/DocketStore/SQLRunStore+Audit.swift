import DocketAudit
import Foundation

extension SQLRunStore: AuditStore {
    /// Appends within the caller's transaction: the record joins the chain after the current last
    /// one. Where the backend needs it, a lock makes appends from many workers one linear chain.
    static func append(_ record: AuditRecord, on connection: any SQLConnection) throws -> AuditRecord? {
        if let lock = connection.dialect.auditChainLock { try connection.execute(lock) }
        if try connection.first("SELECT 1 AS found FROM audit_records WHERE id = $1", [record.id]) != nil { return nil }
        let last = try connection.first("SELECT sequence, hash FROM audit_records ORDER BY sequence DESC LIMIT 1")
            .map { (sequence: $0.integer("sequence") ?? 0, hash: $0.text("hash") ?? "") }
        let record = AuditChain.linked(record, after: last)
        try connection.execute(
            """
            INSERT INTO audit_records (sequence, id, at, run_id, kind, document_sha256, chunk_id, unit_key,
                input_hash, rule_set_version, prompt_schema_hash, endpoint, model, weights_digest, confidence,
                reasoning, outcome, actor, refers_to, previous_hash, hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
            """,
            [
                record.sequence, record.id, record.at, record.run, record.kind.rawValue, record.documentSHA256,
                record.chunkID, record.unitKey, record.inputHash, record.ruleSetVersion, record.promptSchemaHash,
                record.endpoint, record.model, record.weightsDigest, record.confidence, record.reasoning,
                record.outcome, record.actor, record.refersTo, record.previousHash, record.hash,
            ])
        if let text = record.outcomeText {
            try connection.execute(
                """
                INSERT INTO audit_texts (record_id, document_sha256, unit_key, outcome, reasoning)
                    VALUES ($1, $2, $3, $4, $5)
                """, [record.id, record.documentSHA256, record.unitKey, text, record.reasoningText])
        }
        return record
    }

    @discardableResult
    public func appendAudit(_ records: [AuditRecord]) async throws -> [AuditRecord] {
        try await executor.transaction { connection in
            var appended: [AuditRecord] = []
            for record in records {
                if let linked = try Self.append(record, on: connection) { appended.append(linked) }
            }
            return appended
        }
    }

    public func auditRecords(since: Date?) async throws -> [AuditRecord] {
        guard let since else {
            return try await executor.query(RecordMapping.selectAudit + " ORDER BY a.sequence").map(RecordMapping.audit)
        }
        return try await executor.query(
            RecordMapping.selectAudit + " WHERE a.at >= $1 ORDER BY a.sequence", [AuditRecord.timestamp(since)]
        ).map(RecordMapping.audit)
    }

    public func auditRecords(afterSequence: Int64?, limit: Int) async throws -> [AuditRecord] {
        try await executor.query(
            RecordMapping.selectAudit + " WHERE a.sequence > $1 ORDER BY a.sequence LIMIT $2",
            [afterSequence ?? Int64.min, Int64(limit)] as [any SQLBindable]
        ).map(RecordMapping.audit)
    }

    public func auditRecords(kinds: [AuditKind]) async throws -> [AuditRecord] {
        guard !kinds.isEmpty else { return [] }
        return try await executor.query(
            RecordMapping.selectAudit
                + " WHERE a.kind IN (\(Self.placeholders(kinds.count, from: 1))) ORDER BY a.sequence",
            kinds.map(\.rawValue)
        ).map(RecordMapping.audit)
    }

    public func auditRecord(id: String) async throws -> AuditRecord? {
        try await executor.first(RecordMapping.selectAudit + " WHERE a.id = $1", [id]).map(RecordMapping.audit)
    }

    public func auditRecords(unit: String) async throws -> [AuditRecord] {
        try await executor.query(RecordMapping.selectAudit + " WHERE a.unit_key = $1 ORDER BY a.sequence", [unit]).map(
            RecordMapping.audit)
    }

    public func pruneAudit(before: Date) async throws -> Int {
        try await executor.transaction { connection in
            if let lock = connection.dialect.auditChainLock { try connection.execute(lock) }
            let cutoff = AuditRecord.timestamp(before)
            // Only a prefix of the trail goes: the chain of what is left stays whole.
            guard
                let through = try connection.first(
                    """
                    SELECT MAX(sequence) AS through FROM audit_records
                    WHERE sequence < COALESCE((SELECT MIN(sequence) FROM audit_records WHERE at >= $1),
                        9223372036854775807)
                    """, [cutoff]
                )?.integer("through")
            else { return 0 }
            let removed = try connection.count(
                "SELECT COUNT(*) AS n FROM audit_records WHERE sequence <= $1", [through])
            let anchor =
                try connection.first("SELECT hash FROM audit_records WHERE sequence = $1", [through])?.text("hash")
                ?? AuditRecord.genesis
            try connection.execute("INSERT INTO audit_retention_permit (active) VALUES (1)")
            try connection.execute("DELETE FROM audit_records WHERE sequence <= $1", [through])
            try connection.execute("DELETE FROM audit_retention_permit")
            let record = try AuditChain.retentionRecord(
                removed: removed, through: through, anchor: anchor, cutoff: cutoff)
            _ = try Self.append(record, on: connection)
            return removed
        }
    }

    public func auditHeads() async throws -> [(run: String, sequence: Int64, hash: String)] {
        try await executor.query(
            """
            SELECT id, audit_head_sequence, audit_head_hash FROM runs WHERE audit_head_hash IS NOT NULL
            ORDER BY started_at
            """
        ).map { ($0.text("id") ?? "", $0.integer("audit_head_sequence") ?? 0, $0.text("audit_head_hash") ?? "") }
    }

    // MARK: Challenges

    public func openChallenge(_ challenge: Challenge, audit: AuditRecord) async throws {
        try await executor.transaction { connection in
            try connection.execute(
                """
                INSERT INTO challenges (id, decision_id, decision_kind, unit_key, challenged_by, reason, opened_at,
                    status)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """,
                [
                    challenge.id, challenge.decisionID, challenge.decisionKind.rawValue, challenge.unitKey,
                    challenge.challengedBy, challenge.reason, challenge.openedAt, challenge.status.rawValue,
                ])
            _ = try Self.append(audit, on: connection)
        }
    }

    public func closeChallenge(_ challenge: Challenge, audit: AuditRecord) async throws {
        try await executor.transaction { connection in
            let changed = try connection.execute(
                """
                UPDATE challenges SET status = $1, reviewer = $2, note = $3, reviewed_at = $4, result_json = $5,
                    rerun_endpoint = $6
                WHERE id = $7 AND status = \(Literal.openChallenge)
                """,
                [
                    challenge.status.rawValue, challenge.reviewer, challenge.note, challenge.reviewedAt,
                    challenge.resultJSON, challenge.rerunEndpoint, challenge.id,
                ])
            guard changed == 1 else { throw StoreError(message: "challenge \(challenge.id) is not open") }
            _ = try Self.append(audit, on: connection)
        }
    }

    public func challenge(id: String) async throws -> Challenge? {
        try await executor.first("SELECT * FROM challenges WHERE id = $1", [id]).map(RecordMapping.challenge)
    }

    public func challenges(openOnly: Bool, after: String?, limit: Int) async throws -> [Challenge] {
        try await executor.query(
            Self.challengePage(openOnly: openOnly, after: after != nil),
            [max(0, limit)] + (after.map { [$0] } ?? []) as [any SQLBindable]
        ).map(RecordMapping.challenge)
    }

    /// A page of the review queue (or of every challenge) in the order of the index that serves it:
    /// opening time, then id. The position after a challenge is compared in the store, as stored.
    static func challengePage(openOnly: Bool, after: Bool) -> String {
        var conditions: [String] = []
        if openOnly { conditions.append("status = \(Literal.openChallenge)") }
        if after {
            // A row value: both stores seek the index to it rather than filter from its start.
            conditions.append("(opened_at, id) > ((SELECT opened_at FROM challenges WHERE id = $2), $2)")
        }
        return """
            SELECT * FROM challenges \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY opened_at, id LIMIT $1
            """
    }

    public func challenges(decision: String) async throws -> [Challenge] {
        try await executor.query("SELECT * FROM challenges WHERE decision_id = $1 ORDER BY opened_at, id", [decision])
            .map(RecordMapping.challenge)
    }

    /// Through the challenges' decision index, a few hundred decisions a statement.
    public func overturns(decisions: [String]) async throws -> [String: Challenge] {
        try await latestReviews(
            column: "decision_id", among: decisions, status: "status = \(Literal.overturnedChallenge)",
            key: \.decisionID)
    }

    /// The latest review of each of `units` that has one: read through the challenges' unit index, a few
    /// hundred units a statement, never every review in the store.
    public func reviewedResults(units: [String]) async throws -> [String: Challenge] {
        try await latestReviews(column: "unit_key", among: units, status: "status != \(Literal.openChallenge)") {
            $0.unitKey
        }
    }

    /// The latest review (by review time) of each value of `column` among `values`, of the statuses `status`
    /// (a condition on constants), 500 values a statement.
    private func latestReviews(
        column: String, among values: [String], status: String, key: (Challenge) -> String?
    ) async throws -> [String: Challenge] {
        var latest: [String: Challenge] = [:]
        var start = 0
        while start < values.count {
            let slice = Array(values[start..<min(values.count, start + 500)])
            start += slice.count
            for row in try await executor.query(
                """
                SELECT * FROM challenges WHERE \(column) IN (\(Self.placeholders(slice.count, from: 1))) AND \(status)
                ORDER BY reviewed_at, id
                """, slice
            ) {
                let challenge = RecordMapping.challenge(row)
                if let key = key(challenge) { latest[key] = challenge }
            }
        }
        return latest
    }
}
