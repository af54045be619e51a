import DocketRecords
import Foundation
import StoreTestSupport
import Testing

@testable import DocketStore

/// Accounts, sessions and failed sign-ins on both stores.
@Suite struct AccountStoreTests {
    @Test(arguments: StoreKind.available) func accountsSessionsAndFailuresAreKept(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        let anna = Account(name: "anna", passwordHash: "h1", roles: [.reviewer, .auditor])
        try await store.addAccount(anna)
        await #expect(throws: StoreError.self) {
            try await store.addAccount(Account(name: "anna", passwordHash: "h2", roles: [.admin]))
        }
        #expect(try await store.account(named: "anna") == anna.withStoredDate(try await store.account(id: anna.id)))
        var changed = try #require(try await store.account(id: anna.id))
        changed.roles = [.admin]
        changed.disabled = true
        try await store.updateAccount(changed)
        #expect(try await store.accounts().map(\.roles) == [[.admin]])
        #expect(try await store.account(named: "anna")?.disabled == true)

        let now = Date()
        let session = WebSession(tokenHash: "t1", accountID: anna.id, csrfToken: "c1", createdAt: now, lastSeenAt: now)
        try await store.createSession(session)
        #expect(try await store.session(tokenHash: "t1")?.csrfToken == "c1")
        try await store.touchSession(tokenHash: "t1", at: now.addingTimeInterval(90))
        let touched = try #require(try await store.session(tokenHash: "t1"))
        #expect(abs(touched.lastSeenAt.timeIntervalSince(now) - 90) < 1)
        try await store.deleteSessions(account: anna.id)
        #expect(try await store.session(tokenHash: "t1") == nil)

        try await store.recordSignInFailure(
            keys: ["account:anna", "address:10.0.0.1"], at: now.addingTimeInterval(-3600))
        try await store.recordSignInFailure(keys: ["account:anna"], at: now)
        #expect(try await store.signInFailures(key: "account:anna", since: now.addingTimeInterval(-60)) == 1)
        #expect(try await store.signInFailures(key: "address:10.0.0.1", since: now.addingTimeInterval(-7200)) == 1)
        try await store.clearSignInFailures(key: "account:anna")
        #expect(try await store.signInFailures(key: "account:anna", since: .distantPast) == 0)

        // One API token per account, by its hash: a new one replaces the old, nil revokes.
        try await store.setAPIToken(account: anna.id, tokenHash: "k1", at: now)
        #expect(try await store.account(apiTokenHash: "k1")?.id == anna.id)
        try await store.setAPIToken(account: anna.id, tokenHash: "k2", at: now)
        #expect(try await store.account(apiTokenHash: "k1") == nil)
        #expect(try await store.account(apiTokenHash: "k2")?.name == "anna")
        try await store.setAPIToken(account: anna.id, tokenHash: nil, at: now)
        #expect(try await store.account(apiTokenHash: "k2") == nil)
    }
}

extension Account {
    /// This account with the creation date as the store gave it back (stores keep microseconds).
    fileprivate func withStoredDate(_ stored: Account?) -> Account {
        var copy = self
        copy.createdAt = stored?.createdAt ?? createdAt
        return copy
    }
}
