import DocketAudit
import DocketDecide
import DocketRecords
import Foundation

/// Rows to records, for every backend.
enum RecordMapping {
    /// A status this version does not know (a newer Docket wrote it) is an error, never a guess.
    static func status<Status: RawRepresentable<String>>(_ row: SQLRow) throws -> Status {
        let text = row.text("status") ?? ""
        guard let status = Status(rawValue: text) else {
            throw StoreError(message: "the store holds a status this Docket does not know (\(text)): upgrade Docket")
        }
        return status
    }

    static func run(_ row: SQLRow) throws -> RunRecord {
        RunRecord(
            id: row.text("id") ?? "", pipeline: row.text("pipeline") ?? "",
            pipelineFile: row.text("pipeline_file") ?? "",
            ruleSetVersion: row.text("rule_set_version") ?? "", status: try status(row),
            startedAt: row.timestamp("started_at") ?? .distantPast, finishedAt: row.timestamp("finished_at"),
            outputFolder: row.text("output_folder"))
    }

    /// A unit row read with `SharedRoute.unitColumns` and `SharedRoute.join`.
    static func unit(_ row: SQLRow) throws -> UnitRecord {
        UnitRecord(
            key: row.text("key") ?? "", documentSHA256: row.text("document_sha256") ?? "",
            documentName: row.text("document_name") ?? "",
            chunkID: row.text("chunk_id"), task: row.text("task") ?? "", status: try status(row),
            route: try SharedRoute.route(of: row),
            reason: row.text("reason"))
    }

    static func result(_ row: SQLRow) -> ResultRecord {
        ResultRecord(
            unitKey: row.text("unit_key") ?? "", endpoint: row.text("endpoint") ?? "", model: row.text("model") ?? "",
            weightsDigest: row.text("weights_digest"), resultJSON: row.text("result_json") ?? "",
            promptTokens: Int(row.integer("prompt_tokens") ?? 0),
            completionTokens: Int(row.integer("completion_tokens") ?? 0),
            latencyMilliseconds: Int(row.integer("latency_ms") ?? 0),
            finishedAt: row.timestamp("finished_at") ?? .distantPast)
    }

    /// Audit records with their erasable text joined back .
    static let selectAudit = """
        SELECT a.*, t.outcome AS text_outcome, t.reasoning AS text_reasoning
        FROM audit_records a LEFT JOIN audit_texts t ON t.record_id = a.id
        """

    static func audit(_ row: SQLRow) -> AuditRecord {
        var record = AuditRecord(
            id: row.text("id") ?? "", kind: AuditKind(rawValue: row.text("kind") ?? "") ?? .inference,
            run: row.text("run_id"),
            outcome: row.text("outcome") ?? "")
        record.sequence = row.integer("sequence") ?? 0
        record.at = row.text("at") ?? ""
        record.documentSHA256 = row.text("document_sha256")
        record.chunkID = row.text("chunk_id")
        record.unitKey = row.text("unit_key")
        record.inputHash = row.text("input_hash")
        record.ruleSetVersion = row.text("rule_set_version")
        record.promptSchemaHash = row.text("prompt_schema_hash")
        record.endpoint = row.text("endpoint")
        record.model = row.text("model")
        record.weightsDigest = row.text("weights_digest")
        record.confidence = row.real("confidence")
        record.outcomeText = row.text("text_outcome")
        record.reasoningText = row.text("text_reasoning")
        record.reasoning = row.text("reasoning")
        record.actor = row.text("actor")
        record.refersTo = row.text("refers_to")
        record.previousHash = row.text("previous_hash") ?? ""
        record.hash = row.text("hash") ?? ""
        return record
    }

    static func challenge(_ row: SQLRow) -> Challenge {
        var challenge = Challenge(
            id: row.text("id") ?? "", decisionID: row.text("decision_id") ?? "",
            decisionKind: AuditKind(rawValue: row.text("decision_kind") ?? "") ?? .inference,
            unitKey: row.text("unit_key"),
            challengedBy: row.text("challenged_by") ?? "", reason: row.text("reason") ?? "",
            openedAt: row.timestamp("opened_at") ?? .distantPast)
        challenge.status = Challenge.Status(rawValue: row.text("status") ?? "") ?? .open
        challenge.reviewer = row.text("reviewer")
        challenge.note = row.text("note")
        challenge.reviewedAt = row.timestamp("reviewed_at")
        challenge.resultJSON = row.text("result_json")
        challenge.rerunEndpoint = row.text("rerun_endpoint")
        return challenge
    }
}
