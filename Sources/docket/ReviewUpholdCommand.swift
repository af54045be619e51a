import ArgumentParser
import DocketAudit
import DocketRun
import Foundation

struct ReviewUpholdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "uphold", abstract: "Keep the contested decision.")

    @Argument var challengeID: String
    @Option(help: "The reviewer; not the person who contested it.")
    var by: String
    @Option(help: "The reviewer's reasons.")
    var note: String
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let (database, challenge) = try await storeOptions.find(challenge: challengeID)
        let decision = try await database.auditRecord(id: challenge.decisionID)
        _ = try await ReviewPipeline.desk(database, run: decision?.run).uphold(
            challengeID, by: HumanActor.commandLine(by), note: note)
        for folder in try await ReviewPipeline.regenerateReports(database, unit: challenge.unitKey) {
            print("reports regenerated: \(folder)/reports/index.html")
        }
        print("\(challengeID): upheld by \(by)")
    }
}
