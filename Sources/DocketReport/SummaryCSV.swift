import DocketDecide
import DocketModel
import DocketRecords
import DocketSpec
import Foundation

/// `summary.csv`: one row per document, for a spreadsheet. RFC 4180 quoting. Its columns are fixed before
/// the first row (every finding type the run's detectors can report, every clause category, the pipeline's
/// tasks), so that a run's rows are written a page of documents at a time.
struct SummaryCSV: Sendable {
    let types: [String]
    let tasks: [String]
    let clauses: [String] = CUADCategories.names
    /// Made once: the end of a run compares it with each document's kept part (building it each time was a
    /// sixth of the end of a 10,000-document run, by `perf`).
    let header: String
    /// The header's hash, which each document's kept part names instead of carrying the whole header.
    let headerDigest: String

    /// The columns for a run of `pipeline`: its custom detectors and its tasks (none when its file can no
    /// longer be read).
    init(pipeline: PipelineSpec?) {
        types = (FindingType.allCases.map(\.rawValue) + (pipeline?.classification.detectors.map(\.name) ?? []))
            .sorted()
        tasks = pipeline?.tasks.map(\.name) ?? []
        var header = ["document", "sha256", "status", "type", "language", "level", "pages", "ocr_pages"]
        header += types.map { "findings_\($0)" }
        header += clauses.map { "clause: \($0)" }
        header += tasks.flatMap { ["\($0)_done", "\($0)_reviewed", "\($0)_held", "\($0)_failed", "\($0)_pending"] }
        self.header = CSV.line(header)
        headerDigest = String(ContentHash.sha256(of: Array(self.header.utf8)).prefix(16))
    }

    /// The document's row.
    func row(_ document: DocumentReport) -> String {
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
        return CSV.line(row)
    }
}
