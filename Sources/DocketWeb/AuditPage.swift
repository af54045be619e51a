import DocketAudit
import DocketRecords
import DocketStore
import Foundation
import Hummingbird
import Logging

/// The auditor's page: the trail's hash chain verified now, its head to keep elsewhere, and the
/// trail to take away (JSON lines or CSV, as `docket audit export` writes them). Reading only.
enum AuditPage {
    static func mayAudit(_ context: WebContext) -> Bool {
        context.account?.mayAudit ?? false
    }

    static func render(store: any RunStore, checks: AuditCheckCache, context: WebContext) async throws -> Response {
        guard mayAudit(context) else { return Response(status: .forbidden) }
        let state = await checks.state()
        var view: [String: Any] = ["title": "Audit trail", "refreshing": state.running && state.last != nil]
        if let checked = state.last {
            let report = checked.report
            view["intact"] = report.intact
            view["checked"] = report.checked
            view["head"] = report.head
            view["checkedAt"] = AuditRecord.timestamp(checked.at)
            view["seconds"] = String(format: "%.1f", checked.seconds)
            if let problem = report.problem {
                view["broken"] = ["record": report.firstBroken.map { "\($0)" } ?? "–", "problem": problem]
            }
        } else {
            view["checking"] = true
        }
        view["account"] = WebTemplates.account(context)
        return try WebTemplates.page("audit.html", view)
    }

    /// The trail as JSON lines or CSV, streamed a page of records at a time.
    static func export(format: String, store: any RunStore, context: WebContext) async throws -> Response {
        guard mayAudit(context) else { return Response(status: .forbidden) }
        context.logger.notice(
            "trail exported", metadata: ["account": "\(context.account?.id ?? "")", "format": "\(format)"])
        let body = ResponseBody { writer in
            if format == "csv" {
                try await writer.write(ByteBuffer(string: AuditExport.columns.joined(separator: ",") + "\n"))
            }
            try await store.forEachAuditPage(size: 2_000) { records in
                var lines = ""
                for record in records {
                    lines +=
                        (format == "csv" ? try AuditExport.csvLine(record) : try AuditExport.jsonLine(record)) + "\n"
                }
                try await writer.write(ByteBuffer(string: lines))
                return true
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson",
                .contentDisposition: "attachment; filename=\"docket-audit.\(format)\"",
            ],
            body: body)
    }
}
