import Foundation
import GRDB

extension SQLiteRunStore: ScheduleStore {
    public func nextDue(pipeline: String) throws -> Date? {
        try database.read { db in
            try Date.fetchOne(db, sql: "SELECT next_due FROM schedules WHERE pipeline = ?", arguments: [pipeline])
        }
    }

    public func setNextDue(pipeline: String, _ date: Date?) throws {
        try database.write { db in
            try db.execute(
                sql:
                    "INSERT INTO schedules (pipeline, next_due) VALUES (?, ?) ON CONFLICT(pipeline) DO UPDATE SET "
                    + "next_due = excluded.next_due",
                arguments: [pipeline, date])
        }
    }

    public func acquireLock(pipeline: String, holder: LockHolder, staleAfter: TimeInterval) throws -> Bool {
        // An immediate transaction: two processes cannot both read "free" and both write.
        try database.inTransaction(.immediate) { db in
            let now = Date()
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM locks WHERE pipeline = ?", arguments: [pipeline]) {
                let heartbeat: Date = row["heartbeat"]
                let host: String = row["host"], pid: Int32 = row["pid"], id: String = row["holder"]
                let gone = host == holder.host && kill(pid, 0) != 0 && errno == ESRCH
                let stale = now.timeIntervalSince(heartbeat) > staleAfter
                guard id == holder.id || gone || stale else { return .commit }
                try db.execute(sql: "DELETE FROM locks WHERE pipeline = ?", arguments: [pipeline])
            }
            try db.execute(
                sql:
                    "INSERT INTO locks (pipeline, holder, host, pid, acquired_at, heartbeat) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [pipeline, holder.id, holder.host, holder.pid, now, now])
            return .commit
        }
        return try database.read { db in
            try String.fetchOne(db, sql: "SELECT holder FROM locks WHERE pipeline = ?", arguments: [pipeline])
                == holder.id
        }
    }

    public func refreshLock(pipeline: String, holder: LockHolder) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE locks SET heartbeat = ? WHERE pipeline = ? AND holder = ?",
                arguments: [Date(), pipeline, holder.id])
        }
    }

    public func releaseLock(pipeline: String, holder: LockHolder) throws {
        try database.write { db in
            try db.execute(
                sql: "DELETE FROM locks WHERE pipeline = ? AND holder = ?", arguments: [pipeline, holder.id])
        }
    }

    public func processedHashes(pipeline: String) throws -> Set<String> {
        try database.read { db in
            Set(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT DISTINCT d.sha256 FROM run_documents d JOIN runs r ON r.id = d.run_id
                        WHERE r.pipeline = ? AND r.status = 'completed' AND d.sha256 IS NOT NULL AND d.error_json IS
                            NULL
                        """, arguments: [pipeline]))
        }
    }

    public func addSubmission(_ submission: Submission) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO submissions (id, pipeline, folder, submitted_by, note, submitted_at, status) VALUES
                        (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    submission.id, submission.pipeline, submission.folder, submission.submittedBy, submission.note,
                    submission.submittedAt, submission.status.rawValue,
                ])
            for file in submission.files {
                try db.execute(
                    sql: "INSERT INTO submission_files (submission_id, path, sha256) VALUES (?, ?, ?)",
                    arguments: [submission.id, file.path, file.sha256])
            }
        }
    }

    public func submissions(pipeline: String?) throws -> [Submission] {
        try database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM submissions WHERE ? IS NULL OR pipeline = ? ORDER BY submitted_at",
                arguments: [pipeline, pipeline]
            ).map { row in
                let id: String = row["id"]
                let files = try Row.fetchAll(
                    db, sql: "SELECT path, sha256 FROM submission_files WHERE submission_id = ? ORDER BY path",
                    arguments: [id]
                ).map { (path: $0["path"] as String, sha256: $0["sha256"] as String) }
                var submission = Submission(
                    id: id, pipeline: row["pipeline"], folder: row["folder"], submittedBy: row["submitted_by"],
                    note: row["note"], submittedAt: row["submitted_at"], files: files)
                submission.status = Submission.Status(rawValue: row["status"]) ?? .pending
                submission.runID = row["run_id"]
                return submission
            }
        }
    }

    public func markSubmissions(_ ids: [String], status: Submission.Status, run: String?) throws {
        try database.write { db in
            for id in ids {
                try db.execute(
                    sql: "UPDATE submissions SET status = ?, run_id = COALESCE(?, run_id) WHERE id = ?",
                    arguments: [status.rawValue, run, id])
            }
        }
    }
}
