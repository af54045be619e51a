import Foundation

/// What the signed-in account may see and do. A submitter sees the runs of their own submissions;
/// reviewers, auditors and administrators see every run. Auditors change nothing.
struct WebAccess: Sendable {
    let account: Account
    let store: any RunStore

    init?(_ context: WebContext, store: any RunStore) {
        guard let account = context.account else { return nil }
        self.account = account
        self.store = store
    }

    var actor: HumanActor { .account(id: account.id, name: account.name) }
    var seesAllRuns: Bool { !account.roles.isDisjoint(with: [.reviewer, .auditor, .admin]) }
    var reviews: Bool { account.roles.contains(.reviewer) }
    /// Contesting a decision is a change; an account that is only an auditor reads.
    var mayChallenge: Bool { !account.roles.isDisjoint(with: [.submitter, .reviewer, .admin]) }

    /// The runs of the account's own submissions.
    func ownRuns() async throws -> Set<String> {
        Set(
            try await store.submissions(pipeline: nil)
                .filter { $0.submittedBy.flatMap(HumanActor.accountID(of:)) == account.id }.compactMap(\.runID))
    }

    /// A decision without a run (an erasure) is for those who see every run.
    func mayRead(run: String?) async throws -> Bool {
        if seesAllRuns { return true }
        guard let run else { return false }
        return try await ownRuns().contains(run)
    }
}
