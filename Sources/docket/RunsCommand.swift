import ArgumentParser
import DocketRecords
import DocketStore
import Foundation

struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "List runs and their state.")

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        for path in try storeOptions.locations() {
            let database = try await StoreFactory.open(path)
            for run in try await database.runs() {
                let counts = try await database.counts(run: run.id)
                print(
                    "\(run.id)  \(run.pipeline)  \(run.status.rawValue)  units \(counts.done)/\(counts.units) done, "
                        + "\(counts.held) held, \(counts.failed) failed  (\(StoreFactory.display(path)))"
                )
            }
        }
    }
}
