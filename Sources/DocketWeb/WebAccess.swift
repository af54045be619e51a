import DocketAudit
import DocketRecords
import DocketStore
import Foundation

/// What the signed-in account may see: which runs are its own (`AccountPermissions` says what
/// each role may do).
struct WebAccess: Sendable {
    let account: Account
    let store: any RunStore

    init?(_ context: WebContext, store: any RunStore) {
        guard let account = context.account else { return nil }
        self.init(account: account, store: store)
    }

    /// For the JSON API, whose caller is the account its token names.
    init(account: Account, store: any RunStore) {
        self.account = account
        self.store = store
    }

    var actor: HumanActor { .account(id: account.id, name: account.name) }
    var seesAllRuns: Bool { account.seesAllRuns }
    var reviews: Bool { account.reviews }
    var mayChallenge: Bool { account.mayChallenge }

    /// The runs of the account's own submissions.
    func ownRuns() async throws -> Set<String> { try await store.runs(handedInBy: account.id) }

    /// A decision without a run (an erasure) is for those who see every run.
    func mayRead(run: String?) async throws -> Bool {
        if seesAllRuns { return true }
        guard let run else { return false }
        return try await ownRuns().contains(run)
    }
}
