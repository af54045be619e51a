import DocketAudit
import Foundation

extension SQLRunStore {
    public func eraseDocument(
        sha256: String, record: @escaping @Sendable (DocumentErasure.Counts) -> AuditRecord
    ) async throws -> DocumentErasure.Counts? {
        try await executor.transaction { connection in
            var counts = DocumentErasure.Counts()
            var found: [String: Int] = [:]
            for (name, sql) in DocumentErasure.counting { found[name] = try connection.count(sql, [sha256]) }
            counts.runs = try connection.query(DocumentErasure.runs, [sha256]).compactMap { $0.text("run_id") }.sorted()
            (counts.pages, counts.units, counts.results, counts.auditTexts) =
                (found["pages"] ?? 0, found["units"] ?? 0, found["results"] ?? 0, found["audit_texts"] ?? 0)
            guard !counts.isEmpty else { return nil }
            for statement in DocumentErasure.statements { try connection.execute(statement, [sha256]) }
            if let merge = SearchStatements.afterErasure(connection.dialect) { try connection.execute(merge) }
            // The runs that showed it count without it.
            for run in counts.runs { try Self.keepCounts(run: run, on: connection) }
            _ = try Self.append(record(counts), on: connection)
            return counts
        }
    }
}
