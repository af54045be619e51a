import Foundation

/// How records join the trail and how retention shortens it, whatever store holds it: each
/// record carries the next sequence number and the hash of the record before it, so that a
/// record changed, removed or inserted breaks every hash after it (`AuditVerifier` checks).
public enum AuditChain {
    /// The record as it joins the chain after `last` (nil: the trail is empty), its text kept apart
    /// for erasure, hashed.
    public static func linked(_ record: AuditRecord, after last: (sequence: Int64, hash: String)?) -> AuditRecord {
        var record = record.detached()
        record.sequence = (last?.sequence ?? 0) + 1
        record.previousHash = last?.hash ?? AuditRecord.genesis
        record.hash = record.computedHash()
        return record
    }

    /// What retention appends after removing the records up to `through`: how many went, and the
    /// hash that the first record kept follows, so the shortened trail still verifies.
    public static func retentionRecord(
        removed: Int, through: Int64, anchor: String, cutoff: String
    ) throws
        -> AuditRecord
    {
        let outcome = String(
            decoding: try JSONSerialization.data(
                withJSONObject: ["removed": removed, "through": through, "anchor": anchor, "before": cutoff],
                options: [.sortedKeys]), as: UTF8.self)
        var record = AuditRecord(
            id: AuditRecord.decisionID("retention", cutoff, "\(through)"), kind: .retention, run: nil, outcome: outcome)
        record.reasoning =
            "records older than the retention period were removed; the first record kept follows \(anchor)"
        return record
    }
}
