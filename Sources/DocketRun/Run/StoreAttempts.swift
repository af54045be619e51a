import DocketInfer
import DocketStore
import Foundation

/// A run's attempts, recorded in its store's attempts table (what `docket status` and the
/// fleet tests read). A store that fails to record one does not fail the unit.
struct StoreAttempts: AttemptObserver {
    let store: RunStore

    func attemptStarted(unit: String, endpoint: String) async -> Int64 {
        (try? await store.startAttempt(unit: unit, endpoint: endpoint)) ?? -1
    }

    func attemptFinished(_ attempt: Int64, outcome: String, httpStatus: Int?, error: String?) async {
        try? await store.finishAttempt(id: attempt, outcome: outcome, httpStatus: httpStatus, error: error)
    }
}
