import ArgumentParser
import DocketRecords
import DocketStore
import DocketWeb
import Foundation

struct UsersTokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Issue an account's API token for POST /api/submissions (printed once), or revoke it.",
        discussion: "The store keeps only the token's SHA-256; a new token replaces the account's previous one.")
    @Argument(help: "The account's name.") var name: String
    @Flag(help: "Revoke the account's token instead.") var revoke = false
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let store = try await storeOptions.single()
        let account = try await storeOptions.account(name, in: store)
        let desk = try storeOptions.desk(store)
        guard !revoke else {
            try await desk.revokeToken(account)
            print("\(account.name): API token revoked")
            return
        }
        print(try await desk.issueToken(account))
    }
}
