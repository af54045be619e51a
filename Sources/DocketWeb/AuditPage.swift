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

    static func render(store: any RunStore, context: WebContext) async throws -> Response {
        guard mayAudit(context) else { return Response(status: .forbidden) }
        let report = AuditVerifier.verify(
            try await store.auditRecords(since: nil), heads: try await store.auditHeads(), expectedHead: nil)
        var view: [String: Any] = [
            "title": "Audit trail", "intact": report.intact, "checked": report.checked, "head": report.head,
        ]
        if let problem = report.problem {
            view["broken"] = ["record": report.firstBroken.map { "\($0)" } ?? "–", "problem": problem]
        }
        view["account"] = WebTemplates.account(context)
        return try WebTemplates.page("audit.html", view)
    }

    static func export(format: String, store: any RunStore, context: WebContext) async throws -> Response {
        guard mayAudit(context) else { return Response(status: .forbidden) }
        let records = try await store.auditRecords(since: nil)
        context.logger.notice(
            "trail exported", metadata: ["account": "\(context.account?.id ?? "")", "format": "\(format)"])
        let body = ResponseBody { writer in
            if format == "csv" {
                try await writer.write(ByteBuffer(string: AuditExport.columns.joined(separator: ",") + "\n"))
            }
            for record in records {
                let line = format == "csv" ? try AuditExport.csvLine(record) : try AuditExport.jsonLine(record)
                try await writer.write(ByteBuffer(string: line + "\n"))
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
