import ArgumentParser
import DocketAudit
import DocketStore
import Foundation

struct ReviewListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Challenges waiting for review.")

    @Flag(help: "Reviewed ones too.")
    var all = false
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        var any = false
        for path in try storeOptions.locations() {
            for challenge in try await StoreFactory.open(path).challenges(openOnly: !all) {
                any = true
                print(
                    "\(challenge.id)  \(challenge.status.rawValue)  \(challenge.decisionKind.rawValue) "
                        + "\(challenge.decisionID)  "
                        + "by \(challenge.challengedBy) on \(AuditRecord.timestamp(challenge.openedAt).prefix(10))"
                        + (challenge.reviewer.map { "; reviewed by \($0)" } ?? ""))
            }
        }
        if !any { print(all ? "no challenges" : "no challenges waiting for review") }
    }
}
