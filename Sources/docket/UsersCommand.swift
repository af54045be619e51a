import ArgumentParser
import DocketAudit
import DocketRecords
import DocketStore
import DocketWeb
import Foundation

struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Manage the web workspace's accounts: add, list, disable, reset-password, role, token.",
        subcommands: [
            UsersAddCommand.self, UsersListCommand.self, UsersDisableCommand.self, UsersResetPasswordCommand.self,
            UsersRoleCommand.self, UsersTokenCommand.self,
        ])
}

extension Account.Role: ExpressibleByArgument {}

extension StoreOptions {
    /// The one store an account command or the workspace works on.
    func single() async throws -> any RunStore {
        let locations = try locations()
        guard locations.count == 1 else {
            throw ValidationError(
                "several stores found (\(locations.count) under Output/); give the one to use with --store")
        }
        return try await StoreFactory.open(locations[0])
    }

    /// The desk through which the command changes accounts, recorded in the trail as the system user's
    /// ("cli:NAME"): whoever runs `docket users` holds the store.
    func desk(_ store: any RunStore) throws -> AccountDesk {
        AccountDesk(store: store, administrator: try HumanActor.commandLine(ProcessInfo.processInfo.userName))
    }

    func account(_ name: String, in store: any RunStore) async throws -> Account {
        guard let normalised = AccountName.normalised(name), let account = try await store.account(named: normalised)
        else { throw ValidationError("no account named \(name) in this store; see `docket users list`") }
        return account
    }
}
