import DocketInfer
import DocketStore
import Foundation

/// A run's attempts, recorded in its store's attempts table (what `docket status` and the
/// fleet tests read). A store that fails to record one does not fail the unit.
///
/// A worker's attempts are fenced by its lease: an attempt starts only while the worker still holds the unit,
/// and renews the lease as it starts. A worker stalled past its lease (a starved process, a lock wait) finds the
/// unit taken over and sends nothing, so two workers never ask for one unit at once.
struct StoreAttempts: AttemptObserver {
    let store: RunStore
    /// The worker's lease (owner and seconds); nil for a local run, which holds its units without one.
    var lease: WorkerLease? = nil

    func attemptStarted(unit: String, endpoint: String) async -> Int64? {
        do {
            return try await store.startAttempt(unit: unit, endpoint: endpoint, lease: lease)
        } catch {
            return -1
        }
    }

    func attemptFinished(_ attempt: Int64, outcome: String, httpStatus: Int?, error: String?) async {
        try? await store.finishAttempt(id: attempt, outcome: outcome, httpStatus: httpStatus, error: error)
    }
}
