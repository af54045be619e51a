import ArgumentParser
import DocketRecords
import DocketStore
import DocketWeb

struct UsersRoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "role", abstract: "Give or take an account's roles.")
    @Argument(help: "The account's name.") var name: String
    @Option(help: "A role to give (repeat for several).") var add: [Account.Role] = []
    @Option(help: "A role to take (repeat for several).") var remove: [Account.Role] = []
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        guard !add.isEmpty || !remove.isEmpty else { throw ValidationError("give --add ROLE or --remove ROLE") }
    }

    func run() async throws {
        let store = try await storeOptions.single()
        let account = try await storeOptions.account(name, in: store)
        let roles = account.roles.union(add).subtracting(remove)
        guard !roles.isEmpty else { throw ValidationError("an account keeps at least one role; nothing changed") }
        try await storeOptions.desk(store).setRoles(account, roles)
        print("\(account.name): \(roles.sorted().map(\.rawValue).joined(separator: ", "))")
    }
}
