import DocketModel
import Foundation

/// The trail as auditors take it away: one JSON object per record (snake_case keys), or CSV rows
/// under `columns`. `docket audit export` and the workspace's export write the same lines.
public enum AuditExport {
    public static let columns = [
        "sequence", "id", "at", "run", "kind", "document_sha256", "chunk_id", "unit_key", "input_hash",
        "rule_set_version", "prompt_schema_hash", "endpoint", "model", "weights_digest", "confidence", "reasoning",
        "outcome", "actor", "refers_to", "previous_hash", "hash",
    ]

    public static func jsonLine(_ record: AuditRecord) throws -> String {
        String(decoding: try encoder.encode(record), as: UTF8.self)
    }

    public static func csvLine(_ record: AuditRecord) throws -> String {
        let object = (try JSONSerialization.jsonObject(with: try encoder.encode(record))) as? [String: Any] ?? [:]
        return columns.map { CSV.field(object[$0].map { "\($0)" } ?? "") }.joined(separator: ",")
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }
}
