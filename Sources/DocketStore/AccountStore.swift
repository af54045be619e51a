import DocketAudit
import DocketRecords
import Foundation

/// The web workspace's accounts, sessions and failed sign-ins, in the run store: several `docket web`
/// instances on one PostgreSQL store share them.
public protocol AccountStore: Sendable {
    /// Fails with a `StoreError` naming the account when the name is taken.
    func addAccount(_ account: Account) async throws
    func account(named name: String) async throws -> Account?
    func account(id: String) async throws -> Account?
    func accounts() async throws -> [Account]
    /// Replaces the account with the same id: password, roles, disabled.
    func updateAccount(_ account: Account) async throws

    func createSession(_ session: WebSession) async throws
    func session(tokenHash: String) async throws -> WebSession?
    func touchSession(tokenHash: String, at date: Date) async throws
    func deleteSession(tokenHash: String) async throws
    /// Ends every session of the account (disabled, password reset).
    func deleteSessions(account: String) async throws

    /// One failed sign-in, counted under each key (the account's name, the address it came from).
    func recordSignInFailure(keys: [String], at date: Date) async throws
    func signInFailures(key: String, since date: Date) async throws -> Int
    func clearSignInFailures(key: String) async throws

    /// The account's API token, by its hash: one per account, a new one replaces the old; nil revokes it.
    func setAPIToken(account: String, tokenHash: String?, at date: Date) async throws
    /// The account whose API token has this hash.
    func account(apiTokenHash: String) async throws -> Account?

    /// An administrator's change to an account and its audit record, in one transaction: no change without its
    /// record, no record of a change that did not happen.
    func apply(_ change: AccountChange, audit: AuditRecord) async throws
}

/// What an administrator changes of an account (`AccountStore.apply`).
public enum AccountChange: Sendable {
    /// A new account; fails when its name is taken.
    case add(Account)
    /// The account replaced (password, roles, disabled); its sessions ended when `endingSessions`.
    case update(Account, endingSessions: Bool)
    /// The account's API token replaced by the one with this hash; nil revokes it.
    case token(account: String, hash: String?)
}
