import DocketDecide
import DocketModel
import DocketRecords
import Foundation

/// `summary.csv`: one row per document, for a spreadsheet. RFC 4180 quoting. Its columns are fixed before
/// the first row (every finding type the run's detectors can report, every clause category, the pipeline's
/// tasks), so that a run's rows are written a page of documents at a time.
struct SummaryCSV {
    var types: [String]
    var tasks: [String]
    var clauses: [String] = CUADCategories.names

    /// The columns for a run of `pipeline` (nil: its file can no longer be read; the tasks are then those
    /// of `fallback`'s documents).
    init(pipeline: PipelineColumns?, fallback: RunReport) {
        types = (FindingType.allCases.map(\.rawValue) + (pipeline?.detectors ?? [])).sorted()
        tasks =
            pipeline?.tasks
            ?? Set(fallback.documents.flatMap { $0.results.map(\.task) + $0.open.map(\.task) }).sorted()
    }

    /// The finding types and tasks a pipeline's runs report.
    struct PipelineColumns {
        var detectors: [String]
        var tasks: [String]
    }

    var header: String {
        var header = ["document", "sha256", "status", "type", "language", "level", "pages", "ocr_pages"]
        header += types.map { "findings_\($0)" }
        header += clauses.map { "clause: \($0)" }
        header += tasks.flatMap { ["\($0)_done", "\($0)_reviewed", "\($0)_held", "\($0)_failed", "\($0)_pending"] }
        return Self.line(header)
    }

    /// The rows of the report's documents.
    func rows(_ report: RunReport) -> String {
        var out = ""
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
            out += Self.line(row)
        }
        return out
    }

    static func line(_ fields: [String]) -> String { fields.map(CSV.field).joined(separator: ",") + "\r\n" }
}
