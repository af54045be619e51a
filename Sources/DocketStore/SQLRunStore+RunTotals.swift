import DocketRecords

/// What a run's end and its workers ask of all of a run's units as SQL aggregates, never as lists.
extension SQLRunStore {
    public func tokens(run: String) async throws -> [String: TokenCount] {
        var tokens: [String: TokenCount] = [:]
        for row in try await executor.query(
            """
            SELECT s.endpoint, SUM(s.prompt_tokens) AS prompt, SUM(s.completion_tokens) AS completion,
                COUNT(*) AS n
            FROM run_units r JOIN results s ON s.unit_key = r.unit_key WHERE r.run_id = $1 GROUP BY s.endpoint
            """, [run])
        {
            var count = TokenCount()
            count.prompt = Int(row.integer("prompt") ?? 0)
            count.completion = Int(row.integer("completion") ?? 0)
            count.requests = Int(row.integer("n") ?? 0)
            tokens[row.text("endpoint") ?? ""] = count
        }
        return tokens
    }

    public func hasPendingUnits(run: String, document: String) async throws -> Bool {
        try await executor.count(
            """
            SELECT COUNT(*) AS n FROM (SELECT 1 FROM units u WHERE u.document_sha256 = $2
                AND u.status = \(Literal.pendingUnit)
                AND EXISTS (SELECT 1 FROM run_units r WHERE r.run_id = $1 AND r.unit_key = u.key) LIMIT 1) AS p
            """, [run, document]) > 0
    }

    public func hasFailedUnits(run: String, reasonPrefix prefix: String) async throws -> Bool {
        // substr, not LIKE: the prefix is matched as it is written, with no wildcards.
        try await executor.count(
            """
            SELECT COUNT(*) AS n FROM (SELECT 1 FROM run_units r JOIN units u ON u.key = r.unit_key
                WHERE r.run_id = $1 AND u.status = \(Literal.failedUnit)
                AND substr(u.reason, 1, length($2)) = $2 LIMIT 1) AS f
            """, [run, prefix]) > 0
    }
}
