import ArgumentParser
import DocketRecords
import DocketStore
import DocketWeb

struct UsersAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add an account; its password is read from standard input.")

    @Argument(help: "The account's name: letters, digits, '.', '-', '_', '@'.") var name: String
    @Option(name: .customLong("role"), help: "A role: submitter, reviewer, auditor, admin (repeat for several).")
    var roles: [Account.Role] = []
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        guard AccountName.normalised(name) != nil else {
            throw ValidationError("\(name) is not an account name: letters, digits, '.', '-', '_', '@', at most 64")
        }
        guard !roles.isEmpty else { throw ValidationError("give at least one --role") }
    }

    func run() async throws {
        let store = try await storeOptions.single()
        let password = try PasswordInput.read(what: "Password for \(name)")
        let account = try await storeOptions.desk(store).add(name: name, password: password, roles: Set(roles))
        print("added \(account.name) (\(account.roles.sorted().map(\.rawValue).joined(separator: ", ")))")
    }
}
