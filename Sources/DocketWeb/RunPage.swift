import DocketRecords
import DocketReport
import DocketStore
import Foundation
import Hummingbird

/// A run: its documents with type, language, level, findings by type, the clause summary, task
/// outcomes and failures with their reasons, from the same template as the run's report index; a page
/// of `runPageSize` documents at a time, in path order (`?after=PATH` continues after a document).
enum RunPage {
    struct Query: Decodable {
        var after: String?
    }

    static func render(
        runID: String, query: Query, settings: WebApp.Settings, store: any RunStore, counts live: LiveCounts,
        context: WebContext
    ) async throws -> Response {
        guard let access = WebAccess(context, store: store) else { return .redirect(to: "/login") }
        // A run the account may not see answers as one that does not exist.
        guard try await access.mayRead(run: runID), let run = try await store.run(id: runID) else {
            return try WebTemplates.notFound(context)
        }
        let size = max(1, settings.runPageSize)
        // One more than shown: whether a next page exists, without counting the run's documents.
        let entries = try await store.runDocuments(run: runID, after: query.after, limit: size + 1)
        let more = entries.count > size
        let report = try await RunReportBuilder.buildForIndex(
            store: store, run: runID, documents: Array(entries.prefix(size)))
        let counts = try await live.counts(run: runID, status: run.status)
        var view: [String: Any] = [
            "title": "\(run.pipeline) \(run.id)", "run": IndexView(report, links: .workspace), "runID": runID,
            "progress": Progress(counts, status: run.status),
        ]
        if let matter = try await store.matters(runs: [runID])[runID]?.joined(separator: "; ") {
            view["matter"] = matter
            view["title"] = "\(matter) · \(run.id)"
        }
        // The run's files are whole once it has ended.
        if run.status != .running { view["downloads"] = ["base": "/runs/\(runID)/files"] }
        var pages: [String: Any] = [:]
        if query.after != nil { pages["first"] = ["href": "/runs/\(runID)"] }
        if more, let last = report.documents.last?.path {
            let after = FormQuery.encoded(last)
            pages["next"] = ["href": "/runs/\(runID)?after=\(after)"]
        }
        if !pages.isEmpty { view["pages"] = pages }
        view["account"] = WebTemplates.account(context)
        return try WebTemplates.page("run.html", view)
    }

    /// The run's units as a line, and as JSON for the page's script to refresh while it runs.
    struct Progress: Encodable {
        var status: String
        var documents: Int
        var units: Int
        var done: Int
        var failed: Int
        var held: Int
        var running: Bool

        init(_ counts: RunCounts, status: RunStatus) {
            self.status = status.rawValue
            documents = counts.documents
            units = counts.units
            done = counts.done
            failed = counts.failed
            held = counts.held
            running = status == .running
        }
    }

    static func progress(
        runID: String, store: any RunStore, counts: LiveCounts, context: WebContext
    ) async throws -> Response {
        guard let access = WebAccess(context, store: store) else { return Response(status: .unauthorized) }
        guard try await access.mayRead(run: runID), let run = try await store.run(id: runID) else {
            return Response(status: .notFound)
        }
        let body = try JSONEncoder().encode(
            Progress(try await counts.counts(run: runID, status: run.status), status: run.status))
        return Response(
            status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: .init(bytes: body)))
    }
}
