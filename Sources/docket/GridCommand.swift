import ArgumentParser
import DocketRecords
import DocketReport
import DocketRun
import DocketStore
import Foundation

struct GridCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grid",
        abstract: "A run's clause grid: one row per document, one column per clause category.",
        discussion: """
            Each cell holds the category's answer (e.g. the governing law), or "found", "not found", or \
            "not read" for a document that could not be read; a reviewer's value where a review overturned \
            the finding. Columns: --categories, else the pipeline's clause_grid list, else a transaction \
            review's. CSV and JSON lines go to standard output unless --output names a file; XLSX needs \
            --output.
            """)

    @Argument(help: "The run.") var runID: String
    @Option(help: "Clause categories, comma-separated, as CUAD names them (e.g. \"Governing Law,Change Of Control\").")
    var categories: String?
    @Option(help: "csv, xlsx or jsonl.") var format: String = "csv"
    @Option(
        name: .customLong("where"),
        help: "Keep documents where CATEGORY=found, CATEGORY=missing or CATEGORY~TEXT (its answer contains TEXT).")
    var filters: [String] = []
    @Option(help: "Order by this category's answers (found first); default by file path.") var sort: String?
    @Flag(help: "Reverse the order.") var descending = false
    @Option(help: "The file to write.") var output: String?
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        guard let format = ClauseGridExport.Format(rawValue: format.lowercased()) else {
            throw ValidationError("--format is csv, xlsx or jsonl")
        }
        let (path, record) = try await storeOptions.find(run: runID)
        let store = try await StoreFactory.open(path)
        let pipeline = try? await ReviewPipeline.pipeline(store, run: record.id)
        let asked = categories?.split(separator: ",").map(String.init) ?? []
        let query = ClauseGridQuery(
            filters: try filters.map { try ClauseGrid.filter($0, pipeline: pipeline) },
            sort: try sort.map { try ClauseGrid.categories([$0], pipeline: pipeline)[0] }, descending: descending)
        let grid = ClauseGrid(
            run: record.id, categories: try ClauseGrid.categories(asked, pipeline: pipeline), query: query)
        if format == .xlsx {
            guard let output else { throw ValidationError("XLSX is written to a file: add --output FILE.xlsx") }
            try await XLSXGrid.write(grid, store: store, to: output)
            return
        }
        let handle: FileHandle
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil),
                let file = FileHandle(forWritingAtPath: output)
            else { throw ValidationError("cannot write \(output): check that its folder exists and is writable") }
            handle = file
        } else {
            handle = FileHandle.standardOutput
        }
        try await ClauseGridExport.stream(grid, format: format, store: store) { try handle.write(contentsOf: $0) }
        if output != nil { try handle.close() }
    }
}
