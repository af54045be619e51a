import ArgumentParser
import DocketRecords
import DocketStore

struct UsersListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts and their roles.")
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let accounts = try await storeOptions.single().accounts()
        guard !accounts.isEmpty else {
            print("no accounts yet; add one with `docket users add NAME --role admin`")
            return
        }
        for account in accounts {
            let roles = account.roles.sorted().map(\.rawValue).joined(separator: ",")
            print("\(account.name)\t\(roles)\t\(account.disabled ? "disabled" : "active")\t\(account.id)")
        }
    }
}
