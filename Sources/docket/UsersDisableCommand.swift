import ArgumentParser
import DocketRecords
import DocketStore
import DocketWeb

struct UsersDisableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable", abstract: "Disable an account: it cannot sign in, and its sessions end now.")
    @Argument(help: "The account's name.") var name: String
    @Flag(help: "Enable it again instead.") var enable = false
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let store = try await storeOptions.single()
        let account = try await storeOptions.account(name, in: store)
        try await storeOptions.desk(store).setDisabled(account, !enable)
        print("\(account.name) \(enable ? "enabled" : "disabled; its sessions ended")")
    }
}
