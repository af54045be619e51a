import DocketRecords
import DocketReport
import DocketStore
import Foundation
import Hummingbird

/// A run: its documents with type, language, level, findings by type, the clause summary, task
/// outcomes and failures with their reasons, from the same template as the run's report index.
enum RunPage {
    static func render(runID: String, store: any RunStore, context: WebContext) async throws -> Response {
        guard let access = WebAccess(context, store: store) else { return .redirect(to: "/login") }
        // A run the account may not see answers as one that does not exist.
        guard try await access.mayRead(run: runID), let run = try await store.run(id: runID) else {
            return try WebTemplates.notFound(context)
        }
        let report = try await RunReportBuilder.build(store: store, run: runID)
        let counts = try await store.counts(run: runID)
        var view: [String: Any] = [
            "title": "\(run.pipeline) \(run.id)", "run": IndexView(report, links: .workspace),
            "progress": Progress(counts, status: run.status),
        ]
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

    static func progress(runID: String, store: any RunStore, context: WebContext) async throws -> Response {
        guard let access = WebAccess(context, store: store) else { return Response(status: .unauthorized) }
        guard try await access.mayRead(run: runID), let run = try await store.run(id: runID) else {
            return Response(status: .notFound)
        }
        let body = try JSONEncoder().encode(Progress(try await store.counts(run: runID), status: run.status))
        return Response(
            status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: .init(bytes: body)))
    }
}
