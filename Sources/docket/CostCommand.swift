import ArgumentParser
import DocketCore
import Foundation

struct CostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cost",
        abstract: "Tokens and their cost per endpoint, against cloud API prices, with the self-hosting break-even.")

    @Option(help: "From this date (YYYY-MM-DD, UTC); default: the first answer.")
    var since: String?
    @Option(help: "Only this pipeline.")
    var pipeline: String?
    @Option(help: "The SQLite store (default: DOCKET_STORE, or every Output/*/docket.sqlite).")
    var store: String?

    func run() throws {
        let since = try since.map(DateArgument.parse)
        for path in StoreLocator.stores(store) {
            let database = try StoreFactory.open(path)
            var pipelines: [String: PipelineSpec] = [:]
            for run in try database.runs() where pipeline == nil || run.pipeline == pipeline {
                // The latest run's file.
                if let spec = try? PipelineLoader.load(path: run.pipelineFile) { pipelines[run.pipeline] = spec }
            }
            print("\(StoreFactory.display(path))\n")
            print(
                CostReport.render(
                    usage: try database.tokenUsage(since: since, pipeline: pipeline), pipelines: pipelines, since: since
                ), terminator: "")
        }
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Write a run's results and reports again from the store.")

    @Argument var runID: String
    @Option(help: "The SQLite store (default: DOCKET_STORE, or every Output/*/docket.sqlite).")
    var store: String?

    func run() throws {
        let (path, record) = try StoreLocator.find(run: runID, store: store)
        let database = try StoreFactory.open(path)
        // The folder from the local pipeline file, not the one the store records.
        let folder = try RunFolder.path(pipeline: ReviewSession.pipeline(database, run: record.id), run: runID)
        try ReportWriter.write(store: database, run: runID, folder: folder)
        print("\(folder)/reports/index.html")
    }
}
