import ArgumentParser
import DocketRecords
import DocketReport
import DocketSpec
import DocketStore
import Foundation

struct CostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cost",
        abstract: "Tokens and their cost per endpoint, against cloud API prices, with the self-hosting break-even.")

    @Option(help: "From this date (YYYY-MM-DD, UTC); default: the first answer.")
    var since: String?
    @Option(help: "Only this pipeline.")
    var pipeline: String?
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let since = try since.map(DateArgument.parse)
        for path in try storeOptions.locations() {
            let database = try await StoreFactory.open(path)
            var pipelines: [String: PipelineSpec] = [:]
            for run in try await database.runs() where pipeline == nil || run.pipeline == pipeline {
                // The latest run's file.
                if let spec = try? PipelineLoader.load(path: run.pipelineFile) { pipelines[run.pipeline] = spec }
            }
            print("\(StoreFactory.display(path))\n")
            await print(
                CostReport.render(
                    usage: try database.tokenUsage(since: since, pipeline: pipeline), pipelines: pipelines, since: since
                ), terminator: "")
        }
    }
}
