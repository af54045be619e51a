import ArgumentParser
import DocketAudit
import DocketRecords
import DocketStore
import Foundation

struct ReviewShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "A challenge, its reason, and the decision it contests.")

    @Argument var challengeID: String
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let (database, challenge) = try await storeOptions.find(challenge: challengeID)
        print(
            "Challenge \(challenge.id), \(challenge.status.rawValue): by \(challenge.challengedBy) on "
                + "\(AuditRecord.timestamp(challenge.openedAt))"
        )
        print("Reason: \(challenge.reason)")
        if let reviewer = challenge.reviewer { print("Reviewed by \(reviewer): \(challenge.note ?? "")") }
        if let result = challenge.resultJSON { print("Reviewer's result: \(result)") }
        guard let decision = try await database.auditRecord(id: challenge.decisionID) else { return }
        if let unit = decision.unitKey, let result = try await database.result(unit: unit) {
            print("The model's answer: \(result.resultJSON)")
        }
        print("")
        print(DecisionExplainer.explain(decision, challenges: []))
    }
}
