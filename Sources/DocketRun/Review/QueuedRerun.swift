import DocketAudit
import DocketRecords
import DocketStore
import Foundation

/// The rerun a reviewer asked for in the workspace, done by `docket serve`: the contested unit answered
/// again on the endpoint they chose, through the same gate as every attempt (`ReviewRerun`), and the
/// challenge overturned with that answer as theirs, with their note. The web process starts no engine.
public enum QueuedRerun {
    /// Starting an engine and one answer take minutes at most; a request running longer than this
    /// lost its process (killed, crashed) and is taken up again.
    static let lease: TimeInterval = 15 * 60

    /// Takes up the store's queued requests one at a time; what each came to (nil: done).
    public static func performQueued(store: any RunStore) async -> [(id: String, problem: String?)] {
        var outcomes: [(id: String, problem: String?)] = []
        while let request = try? await store.claimRerun(lease: lease) {
            var problem: String?
            do { try await perform(request, store: store) } catch { problem = "\(error)" }
            try? await store.finishRerun(
                id: request.id, status: problem == nil ? .done : .failed, problem: problem, at: Date())
            outcomes.append((request.id, problem))
        }
        return outcomes
    }

    static func perform(_ request: RerunRequest, store: any RunStore) async throws {
        // The reviewer as they are now: a disabled account or a lost role does not act any more.
        guard let id = HumanActor.accountID(of: request.requestedBy), let account = try await store.account(id: id),
            !account.disabled, account.roles.contains(.reviewer)
        else { throw StoreError(message: "the reviewer who asked is no longer an enabled reviewer") }
        let reviewer = HumanActor.account(id: account.id, name: account.name)
        guard let challenge = try await store.challenge(id: request.challengeID),
            let decision = try await store.auditRecord(id: challenge.decisionID)
        else { throw StoreError(message: "the challenge \(request.challengeID) is no longer in this store") }
        let desk = try await ReviewPipeline.desk(store, run: decision.run)
        _ = try await desk.reviewable(challenge.id, reviewer: reviewer)
        guard decision.kind == .inference, let key = challenge.unitKey, let unit = try await store.unit(key: key) else {
            throw StoreError(message: "a rerun applies to model answers; this is a \(decision.kind.rawValue) decision")
        }
        let pipeline = try await ReviewPipeline.pipeline(store, run: decision.run)
        let folder = try RunFolder.path(pipeline: pipeline, run: decision.run ?? "")
        let rerun = try await ReviewRerun.run(
            unit: unit, endpoint: request.endpoint, pipeline: pipeline, store: store, logFolder: folder)
        _ = try await desk.overturn(
            challenge.id, by: reviewer, note: request.note ?? "", resultJSON: rerun.resultJSON, rerun: rerun)
        try await ReviewPipeline.regenerateReports(store, unit: challenge.unitKey)
    }
}
