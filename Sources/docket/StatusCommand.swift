import ArgumentParser
import DocketRecords
import DocketStore
import Foundation

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show one run's state.")

    @Argument var runID: String

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let (path, record) = try await storeOptions.find(run: runID)
        let counts = try await StoreFactory.open(path).counts(run: runID)
        print(
            "run \(record.id) of \(record.pipeline): \(record.status.rawValue); started \(record.startedAt)"
                + (record.finishedAt.map { ", ended \($0)" } ?? ""))
        print(
            "documents \(counts.documents) (\(counts.failedDocuments) failed); units \(counts.units): \(counts.done) "
                + "done, "
                + "\(counts.held) held, \(counts.failed) failed, \(counts.pending) pending; rule-set "
                + "\(record.ruleSetVersion)"
        )
    }
}
