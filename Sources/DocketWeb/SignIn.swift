import DocketRecords
import DocketStore
import Foundation

/// Signing in: the account's password checked, failures throttled per account and per address, and
/// the same work done whether or not the account exists, so that neither the answer nor its time
/// tells an attacker which names are accounts.
public struct SignIn: Sendable {
    public enum Outcome: Sendable, Equatable {
        case signedIn(Account)
        /// Wrong name or password, or a disabled account: one answer for all three.
        case refused
        /// Too many failures lately, for this name or from this address.
        case throttled
    }

    let store: any AccountStore
    /// Failures within `window` after which sign-in is refused without looking, per account name and per address.
    var perAccount = 5
    var perAddress = 20
    var window: TimeInterval = 15 * 60
    /// Checks a password against a hash (bcrypt; tests count the calls).
    var verify: @Sendable (_ password: String, _ hash: String) async throws -> Bool = PasswordHasher.verify

    public init(store: any AccountStore) { self.store = store }

    public func attempt(name: String, password: String, address: String?) async throws -> Outcome {
        let normalised = AccountName.normalised(name) ?? ""
        let keys = ["account:" + normalised] + (address.map { ["address:" + $0] } ?? [])
        let since = Date().addingTimeInterval(-window)
        if try await store.signInFailures(key: keys[0], since: since) >= perAccount { return .throttled }
        if keys.count > 1, try await store.signInFailures(key: keys[1], since: since) >= perAddress {
            return .throttled
        }
        let account = normalised.isEmpty ? nil : try await store.account(named: normalised)
        let usable = account.flatMap { $0.disabled ? nil : $0 }
        let matches = try await verify(password, usable?.passwordHash ?? PasswordHasher.decoy)
        guard let usable, matches else {
            try await store.recordSignInFailure(keys: keys, at: Date())
            return .refused
        }
        try await store.clearSignInFailures(key: keys[0])
        // A hash made at another cost is made again: every account's check then takes as long as the decoy's.
        let cost = String(format: "$%02d$", Int(PasswordHasher.cost))
        if usable.passwordHash.hasPrefix("$2"), !usable.passwordHash.dropFirst(3).hasPrefix(cost) {
            var rehashed = usable
            rehashed.passwordHash = try await PasswordHasher.hash(password)
            try await store.updateAccount(rehashed)
        }
        return .signedIn(usable)
    }
}
