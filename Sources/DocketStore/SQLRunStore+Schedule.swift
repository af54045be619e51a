import Foundation

extension SQLRunStore: ScheduleStore {
    public func nextDue(pipeline: String) async throws -> Date? {
        try await executor.first("SELECT next_due FROM schedules WHERE pipeline = $1", [pipeline])?.timestamp(
            "next_due")
    }

    public func setNextDue(pipeline: String, _ date: Date?) async throws {
        try await executor.execute(
            """
            INSERT INTO schedules (pipeline, next_due) VALUES ($1, $2)
            ON CONFLICT (pipeline) DO UPDATE SET next_due = excluded.next_due
            """, [pipeline, date])
    }

    public func acquireLock(pipeline: String, holder: LockHolder, staleAfter: TimeInterval) async throws -> Bool {
        // Two takers cannot both read "free" and both write: SQLite's transaction holds the file,
        // PostgreSQL's an advisory lock on the pipeline's name, across machines.
        try await executor.transaction { connection in
            if let lock = connection.dialect.pipelineLock { try connection.execute(lock, [pipeline]) }
            let now = Date()
            if let row = try connection.first("SELECT * FROM locks WHERE pipeline = $1", [pipeline]) {
                let heartbeat = row.timestamp("heartbeat") ?? .distantPast
                let pid = Int32(truncatingIfNeeded: row.integer("pid") ?? 0)
                let gone = row.text("host") == holder.host && kill(pid, 0) != 0 && errno == ESRCH
                let stale = now.timeIntervalSince(heartbeat) > staleAfter
                guard row.text("holder") == holder.id || gone || stale else { return false }
                try connection.execute("DELETE FROM locks WHERE pipeline = $1", [pipeline])
            }
            try connection.execute(
                """
                INSERT INTO locks (pipeline, holder, host, pid, acquired_at, heartbeat)
                    VALUES ($1, $2, $3, $4, $5, $6)
                """, [pipeline, holder.id, holder.host, holder.pid, now, now])
            return true
        }
    }

    public func refreshLock(pipeline: String, holder: LockHolder) async throws {
        try await executor.execute(
            "UPDATE locks SET heartbeat = $1 WHERE pipeline = $2 AND holder = $3", [Date(), pipeline, holder.id])
    }

    public func releaseLock(pipeline: String, holder: LockHolder) async throws {
        try await executor.execute("DELETE FROM locks WHERE pipeline = $1 AND holder = $2", [pipeline, holder.id])
    }

    public func processedHashes(pipeline: String) async throws -> Set<String> {
        Set(
            try await executor.query(
                """
                SELECT DISTINCT d.sha256 FROM run_documents d JOIN runs r ON r.id = d.run_id
                WHERE r.pipeline = $1 AND r.status = \(Literal.completedRun)
                    AND d.sha256 IS NOT NULL AND d.error_json IS NULL
                """, [pipeline]
            ).compactMap { $0.text("sha256") })
    }

    public func addSubmission(_ submission: Submission) async throws {
        try await executor.transaction { connection in
            try connection.execute(
                """
                INSERT INTO submissions (id, pipeline, folder, submitted_by, note, submitted_at, status, start_now,
                    matter)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                """,
                [
                    submission.id, submission.pipeline, submission.folder, submission.submittedBy, submission.note,
                    submission.submittedAt, submission.status.rawValue, submission.startNow ? 1 : 0, submission.matter,
                ])
            for file in submission.files {
                try connection.execute(
                    "INSERT INTO submission_files (submission_id, path, sha256) VALUES ($1, $2, $3)",
                    [submission.id, file.path, file.sha256])
            }
        }
    }

    public func submissions(
        pipeline: String?, statuses: Set<Submission.Status>, withFiles: Bool
    ) async throws -> [Submission] {
        let states = statuses.map(\.rawValue).sorted()
        guard !states.isEmpty else { return [] }
        let onePipeline = pipeline == nil ? "" : " AND pipeline = $\(states.count + 1)"
        let values = states + (pipeline.map { [$0] } ?? [])
        return try await executor.read { connection in
            try connection.query(
                """
                SELECT s.*, (SELECT COUNT(*) FROM submission_files f WHERE f.submission_id = s.id) AS file_count
                FROM submissions s WHERE status IN (\(Self.placeholders(states.count, from: 1)))\(onePipeline)
                ORDER BY submitted_at, id
                """, values
            ).map { row in try Self.submission(row, files: withFiles, on: connection) }
        }
    }

    public func submission(id: String) async throws -> Submission? {
        try await executor.read { connection in
            try connection.first(
                """
                SELECT s.*, (SELECT COUNT(*) FROM submission_files f WHERE f.submission_id = s.id) AS file_count
                FROM submissions s WHERE id = $1
                """, [id]
            ).map { row in try Self.submission(row, files: true, on: connection) }
        }
    }

    private static func submission(
        _ row: SQLRow, files withFiles: Bool, on connection: SQLConnection
    ) throws
        -> Submission
    {
        let id = row.text("id") ?? ""
        let files =
            withFiles
            ? try connection.query(
                "SELECT path, sha256 FROM submission_files WHERE submission_id = $1 ORDER BY path", [id]
            ).map { (path: $0.text("path") ?? "", sha256: $0.text("sha256") ?? "") } : []
        var submission = Submission(
            id: id, pipeline: row.text("pipeline") ?? "", folder: row.text("folder") ?? "",
            submittedBy: row.text("submitted_by"), note: row.text("note"),
            submittedAt: row.timestamp("submitted_at") ?? Date(), files: files)
        submission.fileCount = Int(row.integer("file_count") ?? Int64(files.count))
        submission.status = Submission.Status(rawValue: row.text("status") ?? "") ?? .pending
        submission.runID = row.text("run_id")
        submission.startNow = row.integer("start_now") != 0
        submission.matter = row.text("matter")
        return submission
    }

    public func matters(runs: [String]) async throws -> [String: [String]] {
        guard !runs.isEmpty else { return [:] }
        var matters: [String: [String]] = [:]
        for row in try await executor.query(
            """
            SELECT DISTINCT run_id, matter FROM submissions
            WHERE run_id IN (\(Self.placeholders(runs.count, from: 1))) AND matter IS NOT NULL ORDER BY run_id, matter
            """, runs)
        {
            guard let run = row.text("run_id"), let matter = row.text("matter") else { continue }
            matters[run, default: []].append(matter)
        }
        return matters
    }

    public func files(submission: String, limit: Int) async throws -> [(path: String, sha256: String)] {
        try await executor.query(
            "SELECT path, sha256 FROM submission_files WHERE submission_id = $1 ORDER BY path LIMIT $2",
            [submission, max(0, limit)] as [any SQLBindable]
        ).map { (path: $0.text("path") ?? "", sha256: $0.text("sha256") ?? "") }
    }

    public func runs(handedInBy accountID: String) async throws -> Set<String> {
        // As `HumanActor.accountID(of:)` reads it: "account:ID" alone or followed by a space and the name.
        let actor = "account:" + accountID
        return Set(
            try await executor.query(
                """
                SELECT DISTINCT run_id FROM submissions
                WHERE run_id IS NOT NULL AND (submitted_by = $1 OR substr(submitted_by, 1, length($2)) = $2)
                """, [actor, actor + " "]
            ).compactMap { $0.text("run_id") })
    }

    public func submissionFiles(sha256: String) async throws -> [(folder: String, submission: String, path: String)] {
        try await executor.query(
            """
            SELECT s.folder, s.id, f.path FROM submission_files f JOIN submissions s ON s.id = f.submission_id
            WHERE f.sha256 = $1 ORDER BY s.id, f.path
            """, [sha256]
        ).map { (folder: $0.text("folder") ?? "", submission: $0.text("id") ?? "", path: $0.text("path") ?? "") }
    }

    public func markSubmissions(_ ids: [String], status: Submission.Status, run: String?) async throws {
        try await executor.transaction { connection in
            for id in ids {
                try connection.execute(
                    "UPDATE submissions SET status = $1, run_id = COALESCE($2, run_id) WHERE id = $3",
                    [status.rawValue, run, id])
            }
        }
    }
}
