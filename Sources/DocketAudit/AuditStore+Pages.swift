/// The trail read in order a page at a time, for whatever goes through all of it (the chain's check, the
/// export): one page of records in memory, never the trail.
extension AuditStore {
    /// Calls `body` with each page of at most `size` records, in sequence order, until it returns false.
    public func forEachAuditPage(size: Int, _ body: ([AuditRecord]) async throws -> Bool) async throws {
        var after: Int64?
        while true {
            let page = try await auditRecords(afterSequence: after, limit: size)
            guard let last = page.last, try await body(page), page.count == size else { return }
            after = last.sequence
        }
    }
}
