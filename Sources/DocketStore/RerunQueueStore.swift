import Foundation

/// A reviewer's request, from the workspace, to answer a contested unit again on another endpoint.
/// The web process starts no engine: `docket serve` takes the request up at its next tick, runs the
/// unit through the gate and overturns the challenge with the new answer, as the reviewer who asked.
public struct RerunRequest: Sendable, Equatable {
    public enum Status: String, Sendable { case queued, running, done, failed }

    public var id: String
    public var challengeID: String
    public var endpoint: String
    /// The reviewer, as the trail records a person (`account:ID NAME`).
    public var requestedBy: String
    /// The reviewer's note, until the review records it (then cleared here: the trail's texts hold it).
    public var note: String?
    public var requestedAt: Date
    public var status: Status = .queued
    /// Why it failed: the gate's refusal, an endpoint that did not answer, a challenge closed meanwhile.
    public var problem: String?
    public var finishedAt: Date?

    public init(
        id: String, challengeID: String, endpoint: String, requestedBy: String, note: String, requestedAt: Date
    ) {
        self.id = id
        self.challengeID = challengeID
        self.endpoint = endpoint
        self.requestedBy = requestedBy
        self.note = note
        self.requestedAt = requestedAt
    }
}

/// Rerun requests in the run store, so that any `docket serve` on it may take them up, once each.
public protocol RerunQueueStore: Sendable {
    func requestRerun(_ request: RerunRequest) async throws
    /// A challenge's requests, oldest first.
    func rerunRequests(challenge: String) async throws -> [RerunRequest]
    /// The oldest queued request, now marked running for `lease` seconds; nil when none waits. Two
    /// processes never get the same one, but a request whose process died with it is taken up again
    /// once its lease has run out.
    func claimRerun(lease: TimeInterval) async throws -> RerunRequest?
    /// Done or failed, with the problem; the note is cleared.
    func finishRerun(id: String, status: RerunRequest.Status, problem: String?, at date: Date) async throws
}
