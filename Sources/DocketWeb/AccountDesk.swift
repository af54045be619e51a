import DocketAudit
import DocketRecords
import DocketStore
import Foundation

/// What an administrator does to accounts, from the accounts page or `docket users`: each change is made in
/// the store with its record in the audit trail, in one transaction (kind `account`; the administrator as its
/// actor, the account by id and name, never a password or a token). A disabled account's sessions end, as do
/// an account's after its password is reset.
public struct AccountDesk: Sendable {
    public enum Change: String, Sendable {
        case added, disabled, enabled, roles, password, tokenIssued = "token issued", tokenRevoked = "token revoked"
    }

    public let store: any RunStore
    public let administrator: HumanActor

    public init(store: any RunStore, administrator: HumanActor) {
        self.store = store
        self.administrator = administrator
    }

    /// A new account; fails with the problem in words when the name, the password or the roles will not do.
    public func add(name: String, password: String, roles: Set<Account.Role>) async throws -> Account {
        guard let name = AccountName.normalised(name) else {
            throw StoreError(
                message: "\"\(name)\" is not an account name: letters, digits, '.', '-', '_', '@', at most 64")
        }
        guard !roles.isEmpty else { throw StoreError(message: "give the account at least one role") }
        if let problem = PasswordHasher.problem(with: password) { throw StoreError(message: problem) }
        let account = Account(name: name, passwordHash: try await PasswordHasher.hash(password), roles: roles)
        try await store.apply(.add(account), audit: record(.added, account, detail: "roles " + Self.roles(roles)))
        return account
    }

    public func setDisabled(_ account: Account, _ disabled: Bool) async throws {
        var changed = account
        changed.disabled = disabled
        try await store.apply(
            .update(changed, endingSessions: disabled), audit: record(disabled ? .disabled : .enabled, account))
    }

    public func setRoles(_ account: Account, _ roles: Set<Account.Role>) async throws {
        guard !roles.isEmpty else { throw StoreError(message: "an account keeps at least one role; nothing changed") }
        var changed = account
        changed.roles = roles
        try await store.apply(
            .update(changed, endingSessions: false),
            audit: record(.roles, account, detail: Self.roles(account.roles) + " → " + Self.roles(roles)))
    }

    public func resetPassword(_ account: Account, to password: String) async throws {
        if let problem = PasswordHasher.problem(with: password) { throw StoreError(message: problem) }
        var changed = account
        changed.passwordHash = try await PasswordHasher.hash(password)
        try await store.apply(.update(changed, endingSessions: true), audit: record(.password, account))
    }

    /// A new API token, to be shown once: the store keeps its SHA-256 only; it replaces the account's last one.
    public func issueToken(_ account: Account) async throws -> String {
        let token = APIAccess.newToken()
        try await store.apply(
            .token(account: account.id, hash: APIAccess.hash(token)), audit: record(.tokenIssued, account))
        return token
    }

    public func revokeToken(_ account: Account) async throws {
        try await store.apply(.token(account: account.id, hash: nil), audit: record(.tokenRevoked, account))
    }

    static func roles(_ roles: Set<Account.Role>) -> String { roles.map(\.rawValue).sorted().joined(separator: ", ") }

    /// The change's record in the trail, appended with the change itself (`AccountStore.apply`).
    private func record(_ change: Change, _ account: Account, detail: String? = nil) -> AuditRecord {
        let date = Date()
        var record = AuditRecord(
            id: AuditRecord.decisionID("account", account.id, change.rawValue, AuditRecord.timestamp(date)),
            kind: .account, run: nil,
            outcome: "account \(account.id) \(account.name): \(change.rawValue)" + (detail.map { " (\($0))" } ?? ""),
            at: date)
        record.actor = administrator.recorded
        return record
    }
}
