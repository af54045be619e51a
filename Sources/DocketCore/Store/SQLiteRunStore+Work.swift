import Foundation
import GRDB

extension SQLiteRunStore: WorkQueueStore {
    static func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

    /// A transaction that takes the write lock at BEGIN: a claim's read and update by one process
    /// at a time, with no upgrade deadlock between readers.
    func immediate<T>(_ body: (Database) throws -> T) throws -> T {
        var value: T?
        try database.inTransaction(.immediate) { db in
            value = try body(db)
            return .commit
        }
        return value!
    }

    public func enqueueDocuments(run: String, paths: [String]) throws {
        try database.write { db in
            for path in paths {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO run_documents (run_id, path, state) VALUES (?, ?, 'queued')",
                    arguments: [run, path])
            }
        }
    }

    public func claimDocuments(
        runs: [String], owner: String, limit: Int, lease: TimeInterval
    ) throws -> [(run: String, path: String)] {
        guard !runs.isEmpty else { return [] }
        return try immediate { db in
            let now = Date()
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT run_id, path FROM run_documents WHERE run_id IN (\(Self.placeholders(runs.count)))
                    AND (state = 'queued' OR (state = 'claimed' AND lease_expires < ?)) ORDER BY run_id, path LIMIT ?
                    """, arguments: StatementArguments(runs + [now, limit] as [any DatabaseValueConvertible]))
            for row in rows {
                try db.execute(
                    sql:
                        "UPDATE run_documents SET state = 'claimed', lease_owner = ?, lease_expires = ? WHERE run_id "
                        + "= ? AND path = ?",
                    arguments: [owner, now.addingTimeInterval(lease), row["run_id"] as String, row["path"] as String])
            }
            return rows.map { (run: $0["run_id"], path: $0["path"]) }
        }
    }

    public func completeDocument(run: String, path: String, owner: String) throws {
        try database.write { db in
            try db.execute(
                sql:
                    "UPDATE run_documents SET state = 'done', lease_owner = NULL, lease_expires = NULL WHERE run_id "
                    + "= ? AND path = ?",
                arguments: [run, path])
        }
    }

    public func claimUnits(
        runs: [String], owner: String, limit: Int, lease: TimeInterval
    ) throws -> [(run: String, unit: UnitRecord)] {
        guard !runs.isEmpty else { return [] }
        return try immediate { db in
            let now = Date()
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT u.*, r.run_id FROM units u JOIN run_units r ON r.unit_key = u.key
                    WHERE r.run_id IN (\(Self.placeholders(runs.count))) AND u.status = 'pending' AND
                        (u.lease_expires IS NULL OR u.lease_expires < ?)
                    ORDER BY u.document_name, u.key LIMIT ?
                    """, arguments: StatementArguments(runs + [now, limit] as [any DatabaseValueConvertible]))
            var claimed: [(run: String, unit: UnitRecord)] = []
            for row in rows {
                let unit = try RecordMapping.unit(row)
                guard !claimed.contains(where: { $0.unit.key == unit.key }) else { continue }
                try db.execute(
                    sql: "UPDATE units SET lease_owner = ?, lease_expires = ? WHERE key = ?",
                    arguments: [owner, now.addingTimeInterval(lease), unit.key])
                claimed.append((row["run_id"], unit))
            }
            return claimed
        }
    }

    public func renewLeases(owner: String, lease: TimeInterval) throws {
        try database.write { db in
            let until = Date().addingTimeInterval(lease)
            try db.execute(
                sql: "UPDATE units SET lease_expires = ? WHERE lease_owner = ? AND status = 'pending'",
                arguments: [until, owner])
            try db.execute(
                sql: "UPDATE run_documents SET lease_expires = ? WHERE lease_owner = ? AND state = 'claimed'",
                arguments: [until, owner])
            try db.execute(
                sql: "UPDATE runs SET lease_expires = ? WHERE lease_owner = ? AND status = 'completing'",
                arguments: [until, owner])
        }
    }

    public func releaseUnit(key: String, owner: String) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE units SET lease_owner = NULL, lease_expires = NULL WHERE key = ? AND lease_owner = ?",
                arguments: [key, owner])
        }
    }

    public func activeRuns() throws -> [RunRecord] {
        // Asked before every claim: only the active runs, not the whole history.
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM runs WHERE status IN ('queued', 'running')
                        OR (status = 'completing' AND lease_expires < ?)
                    ORDER BY started_at
                    """, arguments: [Date()]
            ).map(RecordMapping.run)
        }
    }

    public func isFinished(run: String) throws -> Bool {
        try database.read { db in
            let documents =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM run_documents WHERE run_id = ? AND state IN ('queued', 'claimed')",
                    arguments: [run]) ?? 0
            let units =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM units u JOIN run_units r ON r.unit_key = u.key WHERE r.run_id = ? AND
                            u.status = 'pending'
                        """, arguments: [run]) ?? 0
            return documents == 0 && units == 0
        }
    }

    public func markRunning(_ run: String) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE runs SET status = 'running' WHERE id = ? AND status = 'queued'", arguments: [run])
        }
    }

    public func completeRun(_ run: String, owner: String, lease: TimeInterval) throws -> Bool {
        try database.write { db in
            let now = Date()
            try db.execute(
                sql: """
                    UPDATE runs SET status = 'completing', lease_owner = ?, lease_expires = ?
                    WHERE id = ? AND (status IN ('queued', 'running')
                        OR (status = 'completing' AND (lease_expires < ? OR lease_owner = ?)))
                    """, arguments: [owner, now.addingTimeInterval(lease), run, now, owner])
            return db.changesCount == 1
        }
    }
}
