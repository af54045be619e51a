import DocketAudit
import DocketRecords
import DocketStore

/// What each role lets an account see and do in the workspace and the API: one place for them all.
extension Account {
    /// Reviewers, auditors and administrators see every run; a submitter, the runs of their own submissions.
    var seesAllRuns: Bool { !roles.isDisjoint(with: [.reviewer, .auditor, .admin]) }
    var reviews: Bool { roles.contains(.reviewer) }
    /// Contesting a decision is a change; an account that is only an auditor reads.
    var mayChallenge: Bool { !roles.isDisjoint(with: [.submitter, .reviewer, .admin]) }
    var maySubmit: Bool { !roles.isDisjoint(with: [.submitter, .admin]) }
    var mayAudit: Bool { !roles.isDisjoint(with: [.auditor, .admin]) }
    /// Accounts: adding, roles, disabling, passwords, API tokens.
    var administers: Bool { roles.contains(.admin) }
    /// Erasing a document on request (GDPR Art. 17) removes it from every run: the administrator's step.
    var mayErase: Bool { roles.contains(.admin) }

    /// The account handed the submission in (through the workspace or the API).
    func handedIn(_ submission: Submission) -> Bool {
        submission.submittedBy.flatMap(HumanActor.accountID(of:)) == id
    }
}
