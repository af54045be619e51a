import ArgumentParser
import DocketAudit
import DocketRun
import Foundation

struct ChallengeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "challenge", abstract: "Contest an automated decision and queue it for review.")

    @Argument(help: "The decision id (d-…).")
    var decisionID: String
    @Option(help: "Who contests it.")
    var by: String
    @Option(help: "Why.")
    var reason: String
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let (database, record) = try await storeOptions.find(decision: decisionID)
        let challenge = try await ReviewPipeline.desk(database, run: record.run).challenge(
            decision: decisionID, by: HumanActor.commandLine(by), reason: reason)
        print(
            "\(challenge.id): \(decisionID) is contested and queued for review (`docket review show \(challenge.id)`)")
    }
}
