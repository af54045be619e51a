import ArgumentParser
import DocketRecords
import DocketReport
import DocketRun
import DocketStore
import Foundation

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Write a run's results and reports again from the store.")

    @Argument var runID: String
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let (path, record) = try await storeOptions.find(run: runID)
        let database = try await StoreFactory.open(path)
        // The folder from the local pipeline file, not the one the store records.
        let folder = try await RunFolder.path(pipeline: ReviewPipeline.pipeline(database, run: record.id), run: runID)
        try await ReportWriter.write(store: database, run: runID, folder: folder)
        print("\(folder)/reports/index.html")
    }
}
