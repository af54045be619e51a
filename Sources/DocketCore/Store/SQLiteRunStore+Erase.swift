import Foundation
import GRDB

extension SQLiteRunStore {
    public func eraseDocument(
        sha256: String, record: (DocumentErasure.Counts) -> AuditRecord
    ) throws -> DocumentErasure.Counts? {
        // `$1` in the shared statements is a positional `?` here, once per use.
        func run(_ sql: String) -> (String, StatementArguments) {
            let uses = sql.components(separatedBy: "$1").count - 1
            return (
                sql.replacingOccurrences(of: "$1", with: "?"), StatementArguments(Array(repeating: sha256, count: uses))
            )
        }
        return try database.write { db in
            var counts = DocumentErasure.Counts()
            var found: [String: Int] = [:]
            for (name, sql) in DocumentErasure.counting {
                let (query, arguments) = run(sql)
                found[name] = try Int.fetchOne(db, sql: query, arguments: arguments) ?? 0
            }
            let (runs, arguments) = run(DocumentErasure.runs)
            counts.runs = try String.fetchAll(db, sql: runs, arguments: arguments).sorted()
            (counts.pages, counts.units, counts.results, counts.auditTexts) =
                (found["pages"] ?? 0, found["units"] ?? 0, found["results"] ?? 0, found["audit_texts"] ?? 0)
            guard !counts.isEmpty else { return nil }
            for statement in DocumentErasure.statements {
                let (sql, arguments) = run(statement)
                try db.execute(sql: sql, arguments: arguments)
            }
            _ = try Self.append(record(counts), in: db)
            return counts
        }
    }
}
