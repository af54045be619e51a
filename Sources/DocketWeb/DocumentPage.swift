import DocketAudit
import DocketRecords
import DocketReport
import DocketStore
import Foundation
import Hummingbird

/// A document of a run: its clause summary, classification, findings (masked), the model's
/// answers with their decisions, and what was not answered, from the report's own template; for an
/// administrator, the form that erases it (`ErasePage`).
enum DocumentPage {
    static func render(
        runID: String, sha256: String, store: any RunStore, context: WebContext, problem: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let access = WebAccess(context, store: store) else { return .redirect(to: "/login") }
        guard try await access.mayRead(run: runID), try await store.run(id: runID) != nil else {
            return try WebTemplates.notFound(context)
        }
        let report = try await RunReportBuilder.build(store: store, run: runID, document: sha256)
        guard let document = report.documents.first(where: { $0.sha256 == sha256 }) else {
            return try WebTemplates.notFound(context)
        }
        var view: [String: Any] = [
            "title": document.name, "document": DocumentView(document, run: report.run, links: .workspace),
        ]
        // A reviewer unmasks the findings through the document's level decision, which rests on all of them.
        if access.reviews, !document.findings.isEmpty {
            view["unmaskFindings"] = [
                "decision": DecisionRecords.documentLevelID(run: runID, document: sha256),
                "csrf": context.session?.csrfToken ?? "",
            ]
        }
        view["downloads"] = ["base": "/runs/\(runID)/documents/\(sha256)"]
        if access.account.mayErase {
            view["erase"] = ["run": runID, "sha256": sha256, "csrf": context.session?.csrfToken ?? ""]
        }
        if let problem { view["problem"] = problem }
        view["account"] = WebTemplates.account(context)
        return try WebTemplates.page("document.html", view, status: status)
    }
}
