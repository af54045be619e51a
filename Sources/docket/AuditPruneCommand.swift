import ArgumentParser
import DocketAudit
import DocketSpec
import DocketStore
import Foundation

struct AuditPruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove records older than the retention period now (runs also do it when they start).")

    @Option(help: "Keep this many days (at least 183).")
    var days: Int
    @Option(help: ArgumentHelp("The store: a SQLite file or a postgresql:// URL.", valueName: "file-or-url"))
    var store: String

    func run() async throws {
        guard days >= AuditSpec.minimumRetentionDays else {
            throw ValidationError(
                "--days must be at least \(AuditSpec.minimumRetentionDays): the EU AI Act (Art. 19, Art. 26(6)) asks "
                    + "for six months"
            )
        }
        let removed = try await StoreFactory.open(store).pruneAudit(
            before: Date().addingTimeInterval(-Double(days) * 86_400))
        print("removed \(removed) records older than \(days) days")
    }
}
