/// What a review put in force in place of an automated decision.
extension AuditStore {
    /// The review record of the latest overturn among a decision's challenges (its result, masked, is what
    /// holds now), or nil when no review overturned it.
    public func overturnInForce(challenges: [Challenge]) async throws -> AuditRecord? {
        let overturned = challenges.filter { $0.status == .overturned }
        guard let latest = overturned.max(by: { ($0.reviewedAt ?? $0.openedAt) < ($1.reviewedAt ?? $1.openedAt) })
        else { return nil }
        return try await auditRecord(id: AuditRecord.decisionID(AuditKind.overturn.rawValue, latest.id))
    }
}
