import DocketModel
import DocketRecords
import DocketStore
import Foundation
import Hummingbird

/// The runs page: every run with its pipeline, status and counts, and the submissions still waiting
/// for a run. A submitter sees the runs of their own submissions; reviewers, auditors and
/// administrators see all. `/progress` gives the same as JSON, for the page's script to refresh it.
enum RunsPage {
    struct Query: Decodable {
        var before: String?
    }

    /// What the account may see: a page of its runs, newest first, and the submissions no run has taken up yet.
    struct Listing {
        var runs: [RunRecord]
        var waiting: [Submission]
        /// The last run of the page when older runs follow.
        var olderAfter: String?

        /// Changes when a run or a waiting submission appears or goes: the script then reloads the page.
        var signature: String {
            let ids = runs.map(\.id) + ["|"] + waiting.map(\.id)
            return String(ContentHash.sha256(of: Array(ids.joined(separator: "\n").utf8)).prefix(16))
        }
        /// Whether the page changes by itself: a run runs or a submission waits.
        var isLive: Bool { !waiting.isEmpty || runs.contains { $0.status == .running } }
    }

    /// Files named for each waiting submission on the runs page.
    static let namesShown = 5

    /// `pageSize` runs after the run `before` (a submitter's page may show fewer: only their own runs).
    static func listing(_ access: WebAccess, before: String? = nil, pageSize: Int = 50) async throws -> Listing {
        let size = max(1, pageSize)
        // One more than shown: whether older runs follow, without counting them.
        var runs = try await access.store.runs(before: before, limit: size + 1)
        let older = runs.count > size ? runs[size - 1].id : nil
        runs = Array(runs.prefix(size))
        if !access.seesAllRuns {
            let own = try await access.ownRuns()
            runs = runs.filter { own.contains($0.id) }
        }
        // Their numbers of files, not their lists: a waiting submission may hold a data room.
        let waiting = try await access.store.submissions(
            pipeline: nil, statuses: [.pending, .running], withFiles: false
        )
        .filter { access.seesAllRuns || access.account.handedIn($0) }
        // A submission a listed run is running shows as that run (a pending one waits for a new run).
        .filter { submission in
            submission.status == .pending || !runs.contains { $0.id == submission.runID }
        }
        return Listing(runs: runs, waiting: waiting, olderAfter: older)
    }

    static func render(
        store: any RunStore, counts live: LiveCounts, query: Query = Query(),
        settings: WebApp.Settings = WebApp.Settings(),
        context: WebContext
    ) async throws -> Response {
        guard let access = WebAccess(context, store: store) else { return .redirect(to: "/login") }
        let listing = try await listing(access, before: query.before, pageSize: settings.runsPageSize)
        var rows: [[String: Any]] = []
        // The matters the runs' submissions named, in one query for the page: a run shows by its matter.
        let matters = try await store.matters(runs: listing.runs.map(\.id))
        for run in listing.runs {
            let counts = try await live.counts(run: run.id, status: run.status)
            var row: [String: Any] = [
                "id": run.id, "pipeline": run.pipeline, "status": run.status.rawValue,
                "started": WebTemplates.minute(run.startedAt),
                "documents": counts.documents, "units": counts.units, "done": counts.done, "failed": counts.failed,
                "held": counts.held,
            ]
            // Absent, not empty, when no submission named one: the template's section reads absence.
            if let named = matters[run.id] { row["matter"] = named.joined(separator: "; ") }
            rows.append(row)
        }
        // Submissions not yet run: what the submitter handed in appears here first, then as a run.
        var waiting: [[String: Any]] = []
        for submission in listing.waiting {
            // The first few files by name (never the server's folder), and how many more.
            let names = try await store.files(submission: submission.id, limit: Self.namesShown).map {
                ($0.path as NSString).lastPathComponent
            }
            let more = submission.fileCount - names.count
            var row: [String: Any] = [
                "id": submission.id, "pipeline": submission.pipeline, "files": submission.fileCount,
                "names": names.joined(separator: ", ") + (more > 0 ? " and \(more) more" : ""),
                "note": submission.note ?? "",
                "status": submission.status.rawValue, "at": WebTemplates.minute(submission.submittedAt),
            ]
            if let matter = submission.matter { row["matter"] = matter }
            waiting.append(row)
        }
        var view: [String: Any] = [
            "title": "Runs", "runs": rows, "hasRuns": !rows.isEmpty, "allRuns": access.seesAllRuns,
            "waiting": waiting, "hasWaiting": !waiting.isEmpty, "live": listing.isLive,
            "signature": listing.signature,
        ]
        var pages: [String: Any] = [:]
        if query.before != nil { pages["newest"] = ["href": "/"] }
        if let older = listing.olderAfter {
            let id = FormQuery.encoded(older)
            pages["older"] = ["href": "/?before=\(id)"]
        }
        if !pages.isEmpty { view["pages"] = pages }
        view["account"] = WebTemplates.account(context)
        return try WebTemplates.page("runs.html", view)
    }

    /// The running runs' progress, the listing's signature and whether anything still changes.
    struct LiveProgress: Encodable {
        struct Running: Encodable {
            var id: String
            var progress: RunPage.Progress
        }
        var signature: String
        var live: Bool
        var running: [Running]
    }

    static func progress(store: any RunStore, counts: LiveCounts, context: WebContext) async throws -> Response {
        guard let access = WebAccess(context, store: store) else { return Response(status: .unauthorized) }
        let listing = try await listing(access)
        var running: [LiveProgress.Running] = []
        for run in listing.runs where run.status == .running {
            running.append(
                .init(
                    id: run.id,
                    progress: .init(try await counts.counts(run: run.id, status: run.status), status: run.status)))
        }
        let body = try JSONEncoder().encode(
            LiveProgress(signature: listing.signature, live: listing.isLive, running: running))
        return Response(
            status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: .init(bytes: body)))
    }
}
