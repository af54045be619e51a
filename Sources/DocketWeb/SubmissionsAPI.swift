import DocketAudit
import DocketDecide
import DocketModel
import DocketRecords
import DocketRun
import DocketStore
import Foundation
import Hummingbird
import Logging
import NIOFoundationCompat

/// The JSON API a document-management system pushes to, with an account's token:
/// `POST /api/submissions` hands in files (base64) for a pipeline; `GET /api/submissions/{id}`
/// says whether a run took them up; `GET /api/runs/{id}` gives the run's status and counts. The
/// account sees what it would see in the workspace: a submitter, its own submissions and runs.
enum SubmissionsAPI {
    struct NewSubmission: Decodable {
        struct File: Decodable {
            var name: String
            /// The file's bytes, base64.
            var content: Data
        }

        var pipeline: String
        /// The matter the documents belong to.
        var matter: String?
        var note: String?
        /// Start at once (the default), or wait for the pipeline's next scheduled run.
        var start: Bool?
        var files: [File]
    }

    static func submit(
        _ request: Request, store: any RunStore, settings: WebApp.Settings, context: WebContext
    ) async throws -> Response {
        guard let account = try await APIAccess.account(request, store: store) else {
            return try APIAccess.problem(
                "a valid API token is required (docket users token NAME)", status: .unauthorized)
        }
        guard account.maySubmit else {
            return try APIAccess.problem("the account may not submit", status: .forbidden)
        }
        // Counted: base64 takes four bytes for three.
        let limit = settings.uploadLimits.totalBytes / 3 * 4 + (1 << 20)
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: limit) } catch {
            return try APIAccess.problem(
                "more than \(settings.uploadLimits.totalBytes >> 20) MB at once", status: .contentTooLarge)
        }
        guard let new = try? JSONDecoder().decode(NewSubmission.self, from: Data(buffer: body)) else {
            return try APIAccess.problem(
                #"the body must be {"pipeline": NAME, "files": [{"name": NAME, "content": BASE64}], "note": TEXT}"#,
                status: .badRequest)
        }
        guard let spec = SubmitPage.pipelines(settings.pipelines)[new.pipeline] else {
            return try APIAccess.problem("no pipeline named \(new.pipeline)", status: .badRequest)
        }
        guard !new.files.isEmpty else { return try APIAccess.problem("no files", status: .badRequest) }
        let submission: Submission
        do {
            submission = try await WebSubmission.record(
                pipeline: spec, files: new.files.map { ($0.name, $0.content) }, matter: new.matter, note: new.note,
                startNow: new.start ?? true, account: account,
                store: store, limits: settings.uploadLimits)
        } catch let refused as SubmissionUpload.Refused {
            return try APIAccess.problem(refused.description, status: .badRequest)
        }
        context.logger.notice("submission recorded", metadata: ["submission": "\(submission.id)", "api": "true"])
        return try APIAccess.json(describe(submission), status: .created)
    }

    static func submission(
        id: String, _ request: Request, store: any RunStore, context: WebContext
    ) async throws -> Response {
        guard let account = try await APIAccess.account(request, store: store) else {
            return try APIAccess.problem("a valid API token is required", status: .unauthorized)
        }
        guard let submission = try await store.submission(id: id),
            account.seesAllRuns || account.handedIn(submission)
        else { return try APIAccess.problem("no submission \(id)", status: .notFound) }
        return try APIAccess.json(describe(submission))
    }

    struct RunQuery: Decodable {
        var page: Int?
    }

    /// A run's status, counts and a page of its documents (`pageSize` of them), with the next page's address.
    static func run(
        id: String, _ request: Request, query: RunQuery, pageSize: Int = 500, store: any RunStore,
        counts: LiveCounts, context: WebContext
    ) async throws -> Response {
        guard let account = try await APIAccess.account(request, store: store) else {
            return try APIAccess.problem("a valid API token is required", status: .unauthorized)
        }
        guard try await WebAccess(account: account, store: store).mayRead(run: id),
            let run = try await store.run(id: id)
        else {
            return try APIAccess.problem("no run \(id)", status: .notFound)
        }
        let progress = try JSONSerialization.jsonObject(
            with: try JSONEncoder().encode(
                RunPage.Progress(try await counts.counts(run: id, status: run.status), status: run.status)))
        // A page of documents: the API names no server path, so its pages are numbered, not keyed.
        let page = max(1, query.page ?? 1)
        let read = try await store.runDocuments(run: id, offset: (page - 1) * pageSize, limit: pageSize + 1)
        let documents = read.prefix(pageSize).map { document -> [String: Any] in
            var row: [String: Any] = ["name": (document.path as NSString).lastPathComponent]
            if let sha = document.sha256 { row["sha256"] = sha }
            if let error = document.error { row["error"] = ["kind": error.kind.rawValue, "detail": error.detail] }
            if let level = document.plan?.level { row["level"] = level }
            return row
        }
        var object: [String: Any] = [
            "id": run.id, "pipeline": run.pipeline, "status": run.status.rawValue,
            "started_at": AuditRecord.timestamp(run.startedAt),
            "counts": progress,
            "documents": Array(documents), "page": page,
        ]
        if read.count > pageSize {
            let run = id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? id
            object["next"] = "/api/runs/\(run)?page=\(page + 1)"
        }
        return try APIAccess.json(object)
    }

    /// What the API says of a submission: its files by name within it, never the server's paths.
    static func describe(_ submission: Submission) -> [String: Any] {
        var object: [String: Any] = [
            "id": submission.id, "pipeline": submission.pipeline, "status": submission.status.rawValue,
            "submitted_at": AuditRecord.timestamp(submission.submittedAt),
            "files": submission.files.map { file -> [String: String] in
                ["name": String(file.path.dropFirst(submission.folder.count + 1)), "sha256": file.sha256]
            },
        ]
        if let run = submission.runID { object["run"] = run }
        if let matter = submission.matter { object["matter"] = matter }
        return object
    }
}
