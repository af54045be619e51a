import DocketDecide
import DocketModel
import DocketRecords
import Foundation

/// `summary.csv`: one row per document, for a spreadsheet. RFC 4180 quoting.
enum SummaryCSV {
    static func render(_ report: RunReport) -> String {
        let types = Set(report.documents.flatMap { $0.findings.map(\.type) }).sorted()
        let tasks = Set(report.documents.flatMap { $0.results.map(\.task) + $0.open.map(\.task) }).sorted()
        var header = ["document", "sha256", "status", "type", "language", "level", "pages", "ocr_pages"]
        header += types.map { "findings_\($0)" }
        let clauses = report.documents.contains { $0.clauses != nil } ? CUADCategories.names : []
        header += clauses.map { "clause: \($0)" }
        header += tasks.flatMap { ["\($0)_done", "\($0)_reviewed", "\($0)_held", "\($0)_failed", "\($0)_pending"] }
        var rows = [header]
        for document in report.documents {
            var row = [
                document.name, document.sha256 ?? "",
                document.error.map { "failed: \($0.kind.rawValue)" } ?? "processed",
                document.profile?.type.rawValue ?? "", document.profile?.language ?? "", document.level ?? "",
                "\(document.pages)", "\(document.ocrPages)",
            ]
            let counts = Dictionary(grouping: document.findings, by: \.type)
            row += types.map { "\(counts[$0]?.count ?? 0)" }
            row += clauses.map { ClauseSummary.cell(document.clauses, category: $0) }
            for task in tasks {
                let done = document.results.filter { $0.task == task }
                let open = document.open.filter { $0.task == task }
                row += [
                    "\(done.count)", "\(done.filter { $0.review != nil }.count)",
                    "\(open.filter { $0.status == .held }.count)",
                    "\(open.filter { $0.status == .failed }.count)", "\(open.filter { $0.status == .pending }.count)",
                ]
            }
            rows.append(row)
        }
        return rows.map { $0.map(CSV.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
