import ArgumentParser
import DocketCore
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Write a run's results and reports again from the store.")

    @Argument var runID: String
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let (path, record) = try storeOptions.find(run: runID)
        let database = try StoreFactory.open(path)
        // The folder from the local pipeline file, not the one the store records.
        let folder = try RunFolder.path(pipeline: ReviewSession.pipeline(database, run: record.id), run: runID)
        try ReportWriter.write(store: database, run: runID, folder: folder)
        print("\(folder)/reports/index.html")
    }
}
