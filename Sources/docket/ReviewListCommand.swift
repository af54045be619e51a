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
            let store = try await StoreFactory.open(path)
            // A page at a time: the list is printed as it is read, however many challenges there are.
            var after: String?
            while true {
                let page = try await store.challenges(openOnly: !all, after: after, limit: 500)
                for challenge in page {
                    any = true
                    print(
                        "\(challenge.id)  \(challenge.status.rawValue)  \(challenge.decisionKind.rawValue) "
                            + "\(challenge.decisionID)  "
                            + "by \(challenge.challengedBy) on \(AuditRecord.timestamp(challenge.openedAt).prefix(10))"
                            + (challenge.reviewer.map { "; reviewed by \($0)" } ?? ""))
                }
                guard page.count == 500, let last = page.last else { break }
                after = last.id
            }
        }
        if !any { print(all ? "no challenges" : "no challenges waiting for review") }
    }
}
