import Foundation

extension PostgresRunStore: AuditStore {
    /// Within the caller's transaction. The advisory lock makes appends from many workers one
    /// linear chain: each reads the last record and writes after it, one at a time.
    func append(_ record: AuditRecord) throws -> AuditRecord? {
        try connection.execute("SELECT pg_advisory_xact_lock(7348002)")
        if try connection.execute("SELECT 1 FROM audit_records WHERE id = $1", [record.id]).count > 0 { return nil }
        var record = record.detached()
        let last = try connection.execute("SELECT sequence, hash FROM audit_records ORDER BY sequence DESC LIMIT 1")
            .first
        record.sequence = (last?.int64("sequence") ?? 0) + 1
        record.previousHash = last?["hash"] ?? AuditRecord.genesis
        record.hash = record.computedHash()
        try connection.execute(
            """
            INSERT INTO audit_records (sequence, id, at, run_id, kind, document_sha256, chunk_id, unit_key,
                input_hash, rule_set_version,
                prompt_schema_hash, endpoint, model, weights_digest, confidence, reasoning, outcome, actor,
                    refers_to, previous_hash, hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
            """,
            [
                record.sequence, record.id, record.at, record.run, record.kind.rawValue, record.documentSHA256,
                record.chunkID,
                record.unitKey, record.inputHash, record.ruleSetVersion, record.promptSchemaHash, record.endpoint,
                record.model,
                record.weightsDigest, record.confidence, record.reasoning, record.outcome, record.actor,
                record.refersTo,
                record.previousHash, record.hash,
            ])
        if let text = record.outcomeText {
            try connection.execute(
                "INSERT INTO audit_texts (record_id, document_sha256, unit_key, outcome, reasoning) VALUES ($1, $2, "
                    + "$3, $4, $5)",
                [record.id, record.documentSHA256, record.unitKey, text, record.reasoningText])
        }
        return record
    }

    @discardableResult
    public func appendAudit(_ records: [AuditRecord]) throws -> [AuditRecord] {
        try connection.transaction { try records.compactMap { try append($0) } }
    }

    public func auditRecords(since: Date?) throws -> [AuditRecord] {
        try connection.execute(
            RecordMapping.selectAudit + " WHERE $1::text IS NULL OR a.at >= $1 ORDER BY a.sequence",
            [since.map(AuditRecord.timestamp)]
        ).map(RecordMapping.audit)
    }

    public func auditRecord(id: String) throws -> AuditRecord? {
        try connection.execute(RecordMapping.selectAudit + " WHERE a.id = $1", [id]).first.map(RecordMapping.audit)
    }

    public func auditRecords(unit: String) throws -> [AuditRecord] {
        try connection.execute(RecordMapping.selectAudit + " WHERE a.unit_key = $1 ORDER BY a.sequence", [unit]).map(
            RecordMapping.audit)
    }

    public func pruneAudit(before: Date) throws -> Int {
        try connection.transaction {
            try connection.execute("SELECT pg_advisory_xact_lock(7348002)")
            let cutoff = AuditRecord.timestamp(before)
            guard
                let through = try connection.execute(
                    """
                    SELECT MAX(sequence) AS through FROM audit_records
                    WHERE sequence < COALESCE((SELECT MIN(sequence) FROM audit_records WHERE at >= $1),
                        9223372036854775807)
                    """, [cutoff]
                ).first?["through"].flatMap({ Int64($0) })
            else { return 0 }
            let removed =
                try connection.execute("SELECT COUNT(*) AS n FROM audit_records WHERE sequence <= $1", [through]).first?
                .int("n") ?? 0
            let anchor =
                try connection.execute("SELECT hash FROM audit_records WHERE sequence = $1", [through]).first?["hash"]
                ?? AuditRecord.genesis
            try connection.execute("INSERT INTO audit_retention_permit (active) VALUES (1)")
            try connection.execute("DELETE FROM audit_records WHERE sequence <= $1", [through])
            try connection.execute("DELETE FROM audit_retention_permit")
            let outcome = String(
                decoding: try JSONSerialization.data(
                    withJSONObject: ["removed": removed, "through": through, "anchor": anchor, "before": cutoff],
                    options: [.sortedKeys]), as: UTF8.self)
            var record = AuditRecord(
                id: AuditRecord.decisionID("retention", cutoff, "\(through)"), kind: .retention, run: nil,
                outcome: outcome)
            record.reasoning =
                "records older than the retention period were removed; the first record kept follows \(anchor)"
            _ = try append(record)
            return removed
        }
    }

    public func auditHeads() throws -> [(run: String, sequence: Int64, hash: String)] {
        try connection.execute(
            "SELECT id, audit_head_sequence, audit_head_hash FROM runs WHERE audit_head_hash IS NOT NULL ORDER BY "
                + "started_at"
        )
        .map { ($0.string("id"), $0.int64("audit_head_sequence"), $0.string("audit_head_hash")) }
    }

    public func openChallenge(_ challenge: Challenge, audit: AuditRecord) throws {
        try connection.transaction {
            try connection.execute(
                """
                INSERT INTO challenges (id, decision_id, decision_kind, unit_key, challenged_by, reason, opened_at,
                    status)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """,
                [
                    challenge.id, challenge.decisionID, challenge.decisionKind.rawValue, challenge.unitKey,
                    challenge.challengedBy,
                    challenge.reason, challenge.openedAt, challenge.status.rawValue,
                ])
            _ = try append(audit)
        }
    }

    public func closeChallenge(_ challenge: Challenge, audit: AuditRecord) throws {
        try connection.transaction {
            let changed = try connection.execute(
                """
                UPDATE challenges SET status = $1, reviewer = $2, note = $3, reviewed_at = $4, result_json = $5,
                    rerun_endpoint = $6
                WHERE id = $7 AND status = 'open'
                """,
                [
                    challenge.status.rawValue, challenge.reviewer, challenge.note, challenge.reviewedAt,
                    challenge.resultJSON,
                    challenge.rerunEndpoint, challenge.id,
                ]
            ).affected
            guard changed == 1 else { throw StoreError(message: "challenge \(challenge.id) is not open") }
            _ = try append(audit)
        }
    }

    public func challenge(id: String) throws -> Challenge? {
        try connection.execute("SELECT * FROM challenges WHERE id = $1", [id]).first.map(RecordMapping.challenge)
    }

    public func challenges(openOnly: Bool) throws -> [Challenge] {
        try connection.execute(
            "SELECT * FROM challenges WHERE $1 = false OR status = 'open' ORDER BY opened_at", [openOnly]
        ).map(RecordMapping.challenge)
    }

    public func reviewedResults(units: [String]) throws -> [String: Challenge] {
        var latest: [String: Challenge] = [:]
        for row in try connection.execute(
            "SELECT * FROM challenges WHERE status != 'open' AND unit_key IS NOT NULL ORDER BY reviewed_at")
        {
            let challenge = RecordMapping.challenge(row)
            if let unit = challenge.unitKey { latest[unit] = challenge }
        }
        let wanted = Set(units)
        return latest.filter { wanted.contains($0.key) }
    }
}
