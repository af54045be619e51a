import Foundation
import GRDB

extension SQLiteRunStore: AuditStore {
    /// Appends within the caller's transaction: the record joins the chain after the current last one.
    static func append(_ record: AuditRecord, in db: Database) throws -> AuditRecord? {
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM audit_records WHERE id = ?", arguments: [record.id]) == true {
            return nil
        }
        var record = record.detached()
        let last = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit_records ORDER BY sequence DESC LIMIT 1")
        record.sequence = (last?["sequence"] as Int64? ?? 0) + 1
        record.previousHash = last?["hash"] ?? AuditRecord.genesis
        record.hash = record.computedHash()
        try db.execute(
            sql: """
                INSERT INTO audit_records (sequence, id, at, run_id, kind, document_sha256, chunk_id, unit_key,
                    input_hash, rule_set_version,
                    prompt_schema_hash, endpoint, model, weights_digest, confidence, reasoning, outcome, actor,
                        refers_to, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                record.sequence, record.id, record.at, record.run, record.kind.rawValue, record.documentSHA256,
                record.chunkID,
                record.unitKey, record.inputHash, record.ruleSetVersion, record.promptSchemaHash, record.endpoint,
                record.model,
                record.weightsDigest, record.confidence, record.reasoning, record.outcome, record.actor,
                record.refersTo,
                record.previousHash, record.hash,
            ])
        if let text = record.outcomeText {
            try db.execute(
                sql:
                    "INSERT INTO audit_texts (record_id, document_sha256, unit_key, outcome, reasoning) VALUES (?, "
                    + "?, ?, ?, ?)",
                arguments: [record.id, record.documentSHA256, record.unitKey, text, record.reasoningText])
        }
        return record
    }

    @discardableResult
    public func appendAudit(_ records: [AuditRecord]) throws -> [AuditRecord] {
        try database.write { db in try records.compactMap { try Self.append($0, in: db) } }
    }

    public func auditRecords(since: Date?) throws -> [AuditRecord] {
        try database.read { db in
            try Row.fetchAll(
                db, sql: RecordMapping.selectAudit + " WHERE ? IS NULL OR a.at >= ? ORDER BY a.sequence",
                arguments: [since.map(AuditRecord.timestamp), since.map(AuditRecord.timestamp)]
            ).map(RecordMapping.audit)
        }
    }

    public func auditRecord(id: String) throws -> AuditRecord? {
        try database.read { db in
            try Row.fetchOne(db, sql: RecordMapping.selectAudit + " WHERE a.id = ?", arguments: [id]).map(
                RecordMapping.audit)
        }
    }

    public func auditRecords(unit: String) throws -> [AuditRecord] {
        try database.read { db in
            try Row.fetchAll(
                db, sql: RecordMapping.selectAudit + " WHERE a.unit_key = ? ORDER BY a.sequence", arguments: [unit]
            ).map(RecordMapping.audit)
        }
    }

    public func pruneAudit(before: Date) throws -> Int {
        try database.write { db in
            let cutoff = AuditRecord.timestamp(before)
            // Only a prefix of the trail goes: the chain of what is left stays whole.
            guard
                let through = try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT MAX(sequence) FROM audit_records WHERE sequence < COALESCE((SELECT MIN(sequence) FROM
                            audit_records WHERE at >= ?), 1e18)
                        """, arguments: [cutoff])
            else { return 0 }
            let removed =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM audit_records WHERE sequence <= ?", arguments: [through]) ?? 0
            let anchor: String =
                try String.fetchOne(db, sql: "SELECT hash FROM audit_records WHERE sequence = ?", arguments: [through])
                ?? AuditRecord.genesis
            try db.execute(sql: "INSERT INTO audit_retention_permit (active) VALUES (1)")
            try db.execute(sql: "DELETE FROM audit_records WHERE sequence <= ?", arguments: [through])
            try db.execute(sql: "DELETE FROM audit_retention_permit")
            let outcome = String(
                decoding: try JSONSerialization.data(
                    withJSONObject: ["removed": removed, "through": through, "anchor": anchor, "before": cutoff],
                    options: [.sortedKeys]), as: UTF8.self)
            var record = AuditRecord(
                id: AuditRecord.decisionID("retention", cutoff, "\(through)"), kind: .retention, run: nil,
                outcome: outcome)
            record.reasoning =
                "records older than the retention period were removed; the first record kept follows \(anchor)"
            _ = try Self.append(record, in: db)
            return removed
        }
    }

    public func auditHeads() throws -> [(run: String, sequence: Int64, hash: String)] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT id, audit_head_sequence, audit_head_hash FROM runs WHERE audit_head_hash IS NOT NULL "
                    + "ORDER BY started_at"
            )
            .map { ($0["id"], $0["audit_head_sequence"], $0["audit_head_hash"]) }
        }
    }

    // MARK: Challenges

    public func openChallenge(_ challenge: Challenge, audit: AuditRecord) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO challenges (id, decision_id, decision_kind, unit_key, challenged_by, reason,
                        opened_at, status)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    challenge.id, challenge.decisionID, challenge.decisionKind.rawValue, challenge.unitKey,
                    challenge.challengedBy,
                    challenge.reason, challenge.openedAt, challenge.status.rawValue,
                ])
            _ = try Self.append(audit, in: db)
        }
    }

    public func closeChallenge(_ challenge: Challenge, audit: AuditRecord) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    UPDATE challenges SET status = ?, reviewer = ?, note = ?, reviewed_at = ?, result_json = ?,
                        rerun_endpoint = ?
                    WHERE id = ? AND status = 'open'
                    """,
                arguments: [
                    challenge.status.rawValue, challenge.reviewer, challenge.note, challenge.reviewedAt,
                    challenge.resultJSON,
                    challenge.rerunEndpoint, challenge.id,
                ])
            guard db.changesCount == 1 else { throw StoreError(message: "challenge \(challenge.id) is not open") }
            _ = try Self.append(audit, in: db)
        }
    }

    public func challenge(id: String) throws -> Challenge? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM challenges WHERE id = ?", arguments: [id]).map(
                RecordMapping.challenge)
        }
    }

    public func challenges(openOnly: Bool) throws -> [Challenge] {
        try database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM challenges WHERE ? = 0 OR status = 'open' ORDER BY opened_at",
                arguments: [openOnly]
            )
            .map(RecordMapping.challenge)
        }
    }

    public func reviewedResults(units: [String]) throws -> [String: Challenge] {
        try database.read { db in
            var latest: [String: Challenge] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT * FROM challenges WHERE status != 'open' AND unit_key IS NOT NULL ORDER BY reviewed_at"
            ) {
                let challenge = RecordMapping.challenge(row)
                if let unit = challenge.unitKey { latest[unit] = challenge }
            }
            let wanted = Set(units)
            return latest.filter { wanted.contains($0.key) }
        }
    }
}

/// A store refused an operation; says why.
public struct StoreError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
