import DocketRecords
import Foundation

/// What the run's files say of one document: its lines of `results.jsonl` and `errors.jsonl`, its row of
/// `summary.csv` and of the index (as HTML), and how many of its answers are ungrounded. Kept beside its reports
/// when the document's last unit is done, so that the end of a run gathers them instead of reading every
/// document again, as one file, `reports/.parts/<stem>.part`: a first line that says what follows and how many
/// bytes each piece takes, then the pieces, as bytes. The end of a run copies them into the run's files without
/// decoding them (measured: decoding the lines as JSON strings took 0.9 s per 10,000 documents at the end of a
/// run, and a JSON outline beside them a file and a decoder per document more). A part made for other CSV
/// columns, or whose size is not what its first line says, is not used.
struct DocumentOutputs {
    /// The first line's tag; a part of another version is not used (the document is read again).
    static let tag = "docket-part-2"

    /// The hash of the `summary.csv` header the row was made for (`SummaryCSV.headerDigest`).
    let columns: String
    let ungrounded: Int
    /// The summary row, the index row, the result lines and the error lines, one after the other.
    private let pieces: Data
    private let sizes: (summary: Int, index: Int, results: Int, errors: Int)

    init(_ document: DocumentReport, run: String, columns: SummaryCSV) throws {
        let summary = Data(columns.row(document).utf8)
        let index = Data(try IndexView.rowHTML(IndexView.row(document, run: run)).utf8)
        let results = Data(try ReportWriter.resultLines(document).utf8)
        let errors = Data(try ReportWriter.errorLines(document).utf8)
        self.columns = columns.headerDigest
        ungrounded = ReportWriter.ungroundedAnswers(document)
        sizes = (summary.count, index.count, results.count, errors.count)
        pieces = summary + index + results + errors
    }

    private init(columns: String, ungrounded: Int, pieces: Data, sizes: (Int, Int, Int, Int)) {
        self.columns = columns
        self.ungrounded = ungrounded
        self.pieces = pieces
        self.sizes = sizes
    }

    static func folder(reports: String) -> String { (reports as NSString).appendingPathComponent(".parts") }

    static func path(reports: String, stem: String) -> String {
        (folder(reports: reports) as NSString).appendingPathComponent(stem + ".part")
    }

    /// The row of `summary.csv`, as bytes.
    var summaryRow: Data { pieces.prefix(sizes.summary) }

    /// The row of the index, as HTML.
    var indexRow: String { String(decoding: slice(after: sizes.summary, count: sizes.index), as: UTF8.self) }

    /// The kept part, if there is one made for these columns and whole.
    static func read(reports: String, stem: String, columns: SummaryCSV) -> DocumentOutputs? {
        guard let data = FileManager.default.contents(atPath: path(reports: reports, stem: stem)),
            let newline = data.firstIndex(of: UInt8(ascii: "\n"))
        else { return nil }
        let fields = String(decoding: data[data.startIndex..<newline], as: UTF8.self).split(separator: " ")
        guard fields.count == 7, fields[0] == tag, fields[1] == columns.headerDigest,
            case let numbers = fields[2...].compactMap({ Int($0) }), numbers.count == 5,
            numbers.allSatisfy({ $0 >= 0 && $0 <= data.count })  // a damaged line cannot overflow the sum below
        else { return nil }
        let pieces = data[(newline + 1)...]
        guard pieces.count == numbers[1] + numbers[2] + numbers[3] + numbers[4] else { return nil }
        return DocumentOutputs(
            columns: columns.headerDigest, ungrounded: numbers[0], pieces: pieces,
            sizes: (numbers[1], numbers[2], numbers[3], numbers[4]))
    }

    /// The first line, then the pieces, in one file written whole or not at all.
    func write(reports: String, stem: String) throws {
        let first =
            "\(Self.tag) \(columns) \(ungrounded) \(sizes.summary) \(sizes.index) \(sizes.results) \(sizes.errors)\n"
        try AtomicFile.write(Data(first.utf8) + pieces, to: Self.path(reports: reports, stem: stem))
    }

    /// Appends the document's result lines to `results` and its error lines to `errors`.
    func appendLines(results: AppendingFile, errors: AppendingFile) throws {
        try results.append(slice(after: sizes.summary + sizes.index, count: sizes.results))
        try errors.append(slice(after: sizes.summary + sizes.index + sizes.results, count: sizes.errors))
    }

    private func slice(after offset: Int, count: Int) -> Data {
        let start = pieces.startIndex + offset
        return pieces[start..<(start + count)]
    }
}
