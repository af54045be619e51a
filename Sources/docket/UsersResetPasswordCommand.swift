import ArgumentParser
import DocketRecords
import DocketStore
import DocketWeb

struct UsersResetPasswordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset-password",
        abstract: "Give an account a new password (read from standard input); its sessions end.")
    @Argument(help: "The account's name.") var name: String
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let store = try await storeOptions.single()
        let account = try await storeOptions.account(name, in: store)
        try await storeOptions.desk(store).resetPassword(
            account, to: try PasswordInput.read(what: "New password for \(name)"))
        print("\(account.name): new password set; its sessions ended")
    }
}
