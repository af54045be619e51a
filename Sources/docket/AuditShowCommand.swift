import ArgumentParser
import DocketCore
import Foundation

struct AuditShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Explain one decision in plain language.")

    @Argument(help: "The decision id (d-…), as results.jsonl and the reports give it.")
    var decisionID: String
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let (database, record) = try storeOptions.find(decision: decisionID)
        let challenges = try database.challenges(openOnly: false).filter { $0.decisionID == decisionID }
        let routing = try record.unitKey.map { try database.auditRecords(unit: $0) }?.last {
            $0.kind == .routing && $0.run == record.run
        }
        print(DecisionExplainer.explain(record, challenges: challenges, routing: routing))
    }
}
