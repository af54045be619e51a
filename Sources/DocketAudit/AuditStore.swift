import Foundation

/// The append-only audit trail and the challenges against its decisions. SQLite implements it
/// next to the run state; a shared store implements the same protocol.
public protocol AuditStore: Sendable {
    /// Appends records to the chain, skipping any whose id is already there (a resumed run
    /// records the same decision once). Returns the records appended, with sequence and hash.
    @discardableResult func appendAudit(_ records: [AuditRecord]) async throws -> [AuditRecord]
    /// The trail in order, optionally only records at or after `since`.
    func auditRecords(since: Date?) async throws -> [AuditRecord]
    func auditRecord(id: String) async throws -> AuditRecord?
    /// At most `limit` records of the trail in order, those after the sequence number `afterSequence`.
    func auditRecords(afterSequence: Int64?, limit: Int) async throws -> [AuditRecord]
    /// The records of these kinds, in order (the trail's few retention and erasure records).
    func auditRecords(kinds: [AuditKind]) async throws -> [AuditRecord]
    /// Records about one unit, oldest first.
    func auditRecords(unit: String) async throws -> [AuditRecord]
    /// Removes records older than `before` from the start of the trail and appends a
    /// `retention` record that anchors what is left. Returns how many were removed.
    func pruneAudit(before: Date) async throws -> Int
    /// The last record of the trail, as it stood when each run ended: deleting records from the
    /// end of the trail cannot go unnoticed.
    func auditHeads() async throws -> [(run: String, sequence: Int64, hash: String)]

    /// Opens a challenge and appends its audit record, in one transaction.
    func openChallenge(_ challenge: Challenge, audit: AuditRecord) async throws
    /// Closes a challenge with a review and appends the review's audit record, in one transaction.
    func closeChallenge(_ challenge: Challenge, audit: AuditRecord) async throws
    func challenge(id: String) async throws -> Challenge?
    /// At most `limit` challenges, oldest first, those after the challenge `after` (its id): open ones only, or all.
    func challenges(openOnly: Bool, after: String?, limit: Int) async throws -> [Challenge]
    /// The challenges of one decision, oldest first.
    func challenges(decision: String) async throws -> [Challenge]
    /// The latest result a reviewer put in place of the model's, by unit key.
    func reviewedResults(units: [String]) async throws -> [String: Challenge]
    /// The latest overturn of each of these decisions that has one, by decision id: what a review put in
    /// force in place of the automated outcome.
    func overturns(decisions: [String]) async throws -> [String: Challenge]
}
