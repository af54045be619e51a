import DocketRecords
import Foundation

/// What the run's files say of one document: its lines of `results.jsonl` and `errors.jsonl`, its row of
/// `summary.csv` and of the index, and how many of its answers are ungrounded. Kept beside its reports when the
/// document's last unit is done, so that the end of a run gathers them instead of reading every document
/// again, as two files: `reports/.parts/<stem>.lines` (its result lines, then its error lines, as bytes) and
/// `<stem>.json` (the rest, and how many bytes each kind of line takes). The lines are copied into the run's
/// files as they are, never decoded: they are most of a run's outputs (measured: decoding them as JSON strings
/// took 0.9 s per 10,000 documents at the end of a run). A part made with other CSV columns, or whose lines
/// file is not the size its outline says, is not used.
struct DocumentOutputs {
    struct Outline: Codable {
        /// The `summary.csv` header the row was made for.
        var columns: String
        var summaryRow: String
        /// Its row of the index, as HTML (`IndexView.rowHTML`).
        var indexRow: String
        var ungrounded: Int
        var resultBytes: Int
        var errorBytes: Int
    }

    var outline: Outline
    /// The result lines then the error lines: in memory when just made, or the kept file's path.
    private let lines: Lines

    private enum Lines {
        case made(Data)
        case kept(String)
    }

    init(_ document: DocumentReport, run: String, columns: SummaryCSV) throws {
        let results = Data(try ReportWriter.resultLines(document).utf8)
        let errors = Data(try ReportWriter.errorLines(document).utf8)
        outline = Outline(
            columns: columns.header, summaryRow: columns.row(document),
            indexRow: try IndexView.rowHTML(IndexView.row(document, run: run)),
            ungrounded: ReportWriter.ungroundedAnswers(document), resultBytes: results.count, errorBytes: errors.count)
        lines = .made(results + errors)
    }

    private init(outline: Outline, kept: String) {
        self.outline = outline
        lines = .kept(kept)
    }

    static func folder(reports: String) -> String { (reports as NSString).appendingPathComponent(".parts") }

    static func path(reports: String, stem: String, suffix: String = ".json") -> String {
        (folder(reports: reports) as NSString).appendingPathComponent(stem + suffix)
    }

    /// The kept part, if there is one made for these columns and whole.
    static func read(reports: String, stem: String, columns: SummaryCSV) -> DocumentOutputs? {
        let lines = path(reports: reports, stem: stem, suffix: ".lines")
        guard let data = FileManager.default.contents(atPath: path(reports: reports, stem: stem)),
            let outline = try? JSONDecoder().decode(Outline.self, from: data), outline.columns == columns.header,
            let size = (try? FileManager.default.attributesOfItem(atPath: lines))?[.size] as? Int,
            size == outline.resultBytes + outline.errorBytes
        else { return nil }
        return DocumentOutputs(outline: outline, kept: lines)
    }

    /// The lines first, then the outline that vouches for them: a part whose outline is there is whole.
    func write(reports: String, stem: String) throws {
        guard case .made(let data) = lines else { return }
        try AtomicFile.write(data, to: Self.path(reports: reports, stem: stem, suffix: ".lines"))
        try AtomicFile.write(try JSONEncoder().encode(outline), to: Self.path(reports: reports, stem: stem))
    }

    /// Appends the document's result lines to `results` and its error lines to `errors`.
    func appendLines(results: AppendingFile, errors: AppendingFile) throws {
        switch lines {
        case .made(let data):
            try results.append(data.prefix(outline.resultBytes))
            try errors.append(data.dropFirst(outline.resultBytes))
        case .kept(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
            }
            defer { try? handle.close() }
            try results.append(from: handle, count: outline.resultBytes)
            try errors.append(from: handle, count: outline.errorBytes)
        }
    }
}
