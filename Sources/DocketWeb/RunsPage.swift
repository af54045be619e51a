import Foundation
import Hummingbird

/// The runs page: every run with its pipeline, status and counts. A submitter sees the runs of their
/// own submissions; reviewers, auditors and administrators see all.
enum RunsPage {
    static func render(store: any RunStore, context: WebContext) async throws -> Response {
        guard let access = WebAccess(context, store: store) else { return .redirect(to: "/login") }
        let seesAll = access.seesAllRuns
        var runs = try await store.runs()
        let submissions = try await store.submissions(pipeline: nil)
        if !seesAll {
            let own = access.ownRuns(in: submissions)
            runs = runs.filter { own.contains($0.id) }
        }
        var rows: [[String: Any]] = []
        for run in runs.sorted(by: { $0.startedAt > $1.startedAt }) {
            let counts = try await store.counts(run: run.id)
            rows.append([
                "id": run.id, "pipeline": run.pipeline, "status": run.status.rawValue,
                "started": WebTemplates.minute(run.startedAt),
                "documents": counts.documents, "units": counts.units, "done": counts.done, "failed": counts.failed,
                "held": counts.held,
            ])
        }
        // Submissions not yet run: what the submitter handed in appears here first, then as a run.
        let waiting = submissions.filter { $0.status != .done && (seesAll || access.account.handedIn($0)) }.map {
            submission -> [String: Any] in
            [
                "id": submission.id, "pipeline": submission.pipeline, "files": submission.files.count,
                "status": submission.status.rawValue,
                "at": WebTemplates.minute(submission.submittedAt),
            ]
        }
        var view: [String: Any] = [
            "title": "Runs", "runs": rows, "hasRuns": !rows.isEmpty, "allRuns": seesAll, "waiting": waiting,
            "hasWaiting": !waiting.isEmpty,
        ]
        view["account"] = WebTemplates.account(context)
        return try WebTemplates.page("runs.html", view)
    }
}
