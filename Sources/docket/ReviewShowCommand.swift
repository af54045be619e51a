import ArgumentParser
import DocketCore
import Foundation

struct ReviewShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "A challenge, its reason, and the decision it contests.")

    @Argument var challengeID: String
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let (database, challenge) = try storeOptions.find(challenge: challengeID)
        print(
            "Challenge \(challenge.id), \(challenge.status.rawValue): by \(challenge.challengedBy) on "
                + "\(AuditRecord.timestamp(challenge.openedAt))"
        )
        print("Reason: \(challenge.reason)")
        if let reviewer = challenge.reviewer { print("Reviewed by \(reviewer): \(challenge.note ?? "")") }
        if let result = challenge.resultJSON { print("Reviewer's result: \(result)") }
        guard let decision = try database.auditRecord(id: challenge.decisionID) else { return }
        if let unit = decision.unitKey, let result = try database.result(unit: unit) {
            print("The model's answer: \(result.resultJSON)")
        }
        print("")
        print(DecisionExplainer.explain(decision, challenges: []))
    }
}
