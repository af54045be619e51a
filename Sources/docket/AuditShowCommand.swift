import ArgumentParser
import DocketAudit
import Foundation

struct AuditShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Explain one decision in plain language.")

    @Argument(help: "The decision id (d-…), as results.jsonl and the reports give it.")
    var decisionID: String
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let (database, record) = try await storeOptions.find(decision: decisionID)
        let challenges = try await database.challenges(decision: decisionID)
        var trail: [AuditRecord] = []
        if let unit = record.unitKey { trail = try await database.auditRecords(unit: unit) }
        let routing = trail.last { $0.kind == .routing && $0.run == record.run }
        print(
            DecisionExplainer.explain(
                record, challenges: challenges, routing: routing,
                overturn: try await database.overturnInForce(challenges: challenges)))
    }
}
