import DocketRecords
import Foundation

/// Work shared by many workers through the store: documents waiting to be ingested and units
/// waiting for a model, each claimed under a lease. A lease has an expiry and is renewed by its
/// holder's heartbeat; when it expires (the worker crashed or hangs), another worker claims the
/// work again. Results stay exactly one per unit: the results table's key refuses a second.
public protocol WorkQueueStore: Sendable {
    /// Records documents of a run for workers to ingest (`docket run --enqueue-only`).
    func enqueueDocuments(run: String, paths: [String]) async throws
    /// Claims up to `limit` queued documents of the given runs whose lease is free or expired.
    func claimDocuments(
        runs: [String], owner: String, limit: Int, lease: TimeInterval
    ) async throws -> [(run: String, path: String)]
    /// The document was ingested (or failed, with its error recorded): no longer queued.
    func completeDocument(run: String, path: String, owner: String) async throws
    /// Claims up to `limit` pending units of the given runs whose lease is free or expired.
    func claimUnits(
        runs: [String], owner: String, limit: Int, lease: TimeInterval
    ) async throws -> [(run: String, unit: UnitRecord)]
    /// Extends every lease `owner` holds.
    func renewLeases(owner: String, lease: TimeInterval) async throws
    /// Gives a claimed unit back without a result (a stop), for another worker.
    func releaseUnit(key: String, owner: String) async throws
    /// Runs that are queued or running, and those being completed by a worker whose lease expired.
    func activeRuns() async throws -> [RunRecord]
    /// What waits, for an operator's gauges: per pipeline, the pending units of its active runs; and the
    /// challenges open. SQL aggregates, never lists.
    func waitingWork() async throws -> (pendingUnits: [String: Int], openChallenges: Int)
    /// No document of the run waits and no unit of it is pending.
    func isFinished(run: String) async throws -> Bool
    /// A queued run is taken up: it shows as running.
    func markRunning(_ run: String) async throws
    /// Takes the run's completion (writing its outputs) under a lease: marks it completing if it was
    /// active, its completer's lease expired, or `owner` holds it already (a negative lease gives it
    /// back); true for the one caller that did. `finishRun` ends it.
    func completeRun(_ run: String, owner: String, lease: TimeInterval) async throws -> Bool
}
