import ArgumentParser
import DocketRecords
import DocketRun
import Foundation

struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Finish an interrupted run; finished units are not sent again.")

    @Argument(help: "The run's id (see `docket runs`).")
    var runID: String

    @OptionGroup var common: RunOptionsGroup

    func run() async throws {
        let (storePath, record) = try await StoreOptions.find(run: runID, store: common.store)
        let spec = try common.loadPipeline(record.pipelineFile)
        var options = common.options(for: spec)
        options.runID = runID
        options.storePath = storePath
        try await RunDriver.run(spec, options: options, resume: true)
    }
}
