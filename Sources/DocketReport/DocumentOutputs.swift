import DocketRecords
import Foundation

/// What the run's files say of one document: its lines of `results.jsonl` and `errors.jsonl`, its row of
/// `summary.csv` and of the index, and how many of its answers are ungrounded. Kept beside its reports as
/// `reports/.parts/<stem>.json` when the document's last unit is done, so that the end of a run gathers
/// them instead of reading every document again. A part made with other CSV columns is not used.
struct DocumentOutputs: Codable {
    var results: String
    var errors: String
    /// The `summary.csv` header the row was made for.
    var columns: String
    var summaryRow: String
    var indexRow: IndexView.Document
    var ungrounded: Int

    init(_ document: DocumentReport, run: String, columns: SummaryCSV) throws {
        results = try ReportWriter.resultLines(document)
        errors = try ReportWriter.errorLines(document)
        self.columns = columns.header
        summaryRow = columns.row(document)
        indexRow = IndexView.row(document, run: run)
        ungrounded = ReportWriter.ungroundedAnswers(document)
    }

    static func folder(reports: String) -> String { (reports as NSString).appendingPathComponent(".parts") }

    static func path(reports: String, stem: String) -> String {
        (folder(reports: reports) as NSString).appendingPathComponent(stem + ".json")
    }

    /// The kept part, if there is one made for these columns.
    static func read(reports: String, stem: String, columns: SummaryCSV) -> DocumentOutputs? {
        guard let data = FileManager.default.contents(atPath: path(reports: reports, stem: stem)),
            let outputs = try? JSONDecoder().decode(DocumentOutputs.self, from: data), outputs.columns == columns.header
        else { return nil }
        return outputs
    }

    func write(reports: String, stem: String) throws {
        try AtomicFile.write(try JSONEncoder().encode(self), to: Self.path(reports: reports, stem: stem))
    }
}
