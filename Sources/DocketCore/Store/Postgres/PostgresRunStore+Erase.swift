import Foundation

extension PostgresRunStore {
    public func eraseDocument(
        sha256: String, record: (DocumentErasure.Counts) -> AuditRecord
    ) throws -> DocumentErasure.Counts? {
        try connection.transaction {
            var counts = DocumentErasure.Counts()
            var found: [String: Int] = [:]
            for (name, sql) in DocumentErasure.counting {
                found[name] = try connection.execute(sql, [sha256]).first?.int("n") ?? 0
            }
            counts.runs = try connection.execute(DocumentErasure.runs, [sha256]).map { $0.string("run_id") }.sorted()
            (counts.pages, counts.units, counts.results, counts.auditTexts) =
                (found["pages"] ?? 0, found["units"] ?? 0, found["results"] ?? 0, found["audit_texts"] ?? 0)
            guard !counts.isEmpty else { return nil }
            for statement in DocumentErasure.statements { try connection.execute(statement, [sha256]) }
            _ = try append(record(counts))
            return counts
        }
    }
}
