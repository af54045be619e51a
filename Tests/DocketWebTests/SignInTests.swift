import DocketRecords
import Foundation
import HummingbirdBcrypt
import StoreTestSupport
import Synchronization
import Testing

@testable import DocketStore
@testable import DocketWeb

@Suite struct SignInTests {
    /// Counts the password checks, so that a test sees the work done for a name that is no account.
    final class Checks: Sendable {
        let count = Mutex(0)
    }

    func signIn(_ store: any AccountStore, checks: Checks) -> SignIn {
        var signIn = SignIn(store: store)
        signIn.verify = { password, hash in
            checks.count.withLock { $0 += 1 }
            return hash == "hash-of-" + password
        }
        return signIn
    }

    @Test func theRightPasswordSignsInAndEveryRefusalLooksAlike() async throws {
        let store = try await StoreKind.sqlite.open()
        try await store.addAccount(Account(name: "anna", passwordHash: "hash-of-correct horse", roles: [.reviewer]))
        try await store.addAccount(
            Account(name: "olga", passwordHash: "hash-of-pw", roles: [.reviewer], disabled: true))
        let checks = Checks()
        let signIn = signIn(store, checks: checks)
        guard
            case .signedIn(let account) = try await signIn.attempt(
                name: "Anna", password: "correct horse", address: nil)
        else { Issue.record("the right password did not sign in"); return }
        #expect(account.name == "anna")
        #expect(try await signIn.attempt(name: "anna", password: "wrong", address: nil) == .refused)
        #expect(try await signIn.attempt(name: "nobody", password: "wrong", address: nil) == .refused)
        #expect(try await signIn.attempt(name: "olga", password: "pw", address: nil) == .refused)
        #expect(try await signIn.attempt(name: "not a name!", password: "pw", address: nil) == .refused)
        // A password is checked for every attempt, an account or not: the time does not tell them apart.
        #expect(checks.count.withLock { $0 } == 5)
    }

    @Test func failuresAreThrottledPerAccountAndPerAddress() async throws {
        let store = try await StoreKind.sqlite.open()
        try await store.addAccount(Account(name: "anna", passwordHash: "hash-of-right", roles: [.reviewer]))
        try await store.addAccount(Account(name: "ben", passwordHash: "hash-of-right", roles: [.reviewer]))
        let checks = Checks()
        var signIn = signIn(store, checks: checks)
        signIn.perAddress = 8
        for _ in 0..<5 { _ = try await signIn.attempt(name: "anna", password: "guess", address: "198.51.100.7") }
        // Even the right password waits now, and without a check.
        let before = checks.count.withLock { $0 }
        #expect(try await signIn.attempt(name: "anna", password: "right", address: "203.0.113.1") == .throttled)
        #expect(checks.count.withLock { $0 } == before)
        // Another account from the same address is still let in, until the address has failed too often.
        guard case .signedIn = try await signIn.attempt(name: "ben", password: "right", address: "198.51.100.7") else {
            Issue.record("ben was throttled for anna's failures"); return
        }
        for name in ["c1", "c2", "c3"] {
            _ = try await signIn.attempt(name: name, password: "x", address: "198.51.100.7")
        }
        #expect(try await signIn.attempt(name: "ben", password: "right", address: "198.51.100.7") == .throttled)
        #expect(try await signIn.attempt(name: "ben", password: "right", address: "192.0.2.9") != .throttled)
    }

    @Test func namesAndPasswordsAreChecked() {
        #expect(AccountName.normalised("Anna.Schmidt@Example.eu") == "anna.schmidt@example.eu")
        for bad in ["", "-anna", "anna schmidt", "anna;drop", String(repeating: "a", count: 65), "ännä"] {
            #expect(AccountName.normalised(bad) == nil, "\(bad)")
        }
        #expect(PasswordHasher.problem(with: "short") != nil)
        #expect(PasswordHasher.problem(with: String(repeating: "x", count: 73)) != nil)
        #expect(PasswordHasher.problem(with: "a long enough passphrase") == nil)
    }

    /// A hash of an older cost is replaced at the next sign-in, so that no account answers faster than the decoy.
    @Test func aHashOfAnotherCostIsMadeAgain() async throws {
        let store = try await StoreKind.sqlite.open()
        let old = Bcrypt.hash("a long enough passphrase", cost: 4)
        try await store.addAccount(Account(name: "anna", passwordHash: old, roles: [.reviewer]))
        guard
            case .signedIn = try await SignIn(store: store).attempt(
                name: "anna", password: "a long enough passphrase", address: nil)
        else { Issue.record("not signed in"); return }
        let now = try #require(try await store.account(named: "anna")).passwordHash
        #expect(now != old && now.dropFirst(3).hasPrefix("$12$"))
        #expect(try await PasswordHasher.verify("a long enough passphrase", hash: now))
    }

    @Test func bcryptHashesAndChecks() async throws {
        let hash = try await PasswordHasher.hash("a long enough passphrase")
        #expect(
            hash.hasPrefix("$2b$12$") || hash.hasPrefix("$2a$12$") || hash.hasPrefix("$2y$12$"), "\(hash.prefix(7))")
        #expect(try await PasswordHasher.verify("a long enough passphrase", hash: hash))
        #expect(try await !PasswordHasher.verify("a long enough passphrasf", hash: hash))
    }
}
