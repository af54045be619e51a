import DocketStore
import Foundation

/// Whether a run's endpoints have gone quiet for good: requests are waiting and no endpoint has answered any
/// for `limit` seconds (`give_up_after`). The clock runs only while a request waits: a long extraction between
/// requests is no silence. An answer that fails the schema is still an endpoint answering.
actor GiveUpWatch: RunObserver {
    let limit: TimeInterval
    private var waiting = 0
    private var quietSince = Date()

    init(limit: TimeInterval) { self.limit = limit }

    /// The reason the run's pending units fail with; `UnitFailureKind` reads its first words.
    static func reason(_ limit: TimeInterval) -> String {
        "\(reasonPrefix) for \(Int(limit)) s (give_up_after); `docket resume` sends it again"
    }
    static let reasonPrefix = "no-endpoint: no endpoint answered"

    func observe(_ event: RunEvent) {
        switch event {
        case .requestStarted:
            if waiting == 0 { quietSince = Date() }
            waiting += 1
        case .answered:
            waiting = max(0, waiting - 1)
            quietSince = Date()
        case .unitFailed(let kind):
            waiting = max(0, waiting - 1)
            if kind == "invalid-answer" { quietSince = Date() }
        case .started, .documentFailed, .documentRead, .planned, .extractionEnded, .unitHeld, .gateExcluded: break
        }
    }

    /// Gives up on `run`: its pending units fail with `reason(limit)`, counted in `docket_units_failed_total` as
    /// `no-endpoint`, and `docket_runs_given_up_total` counts the run. What a local run and a worker both do.
    static func giveUp(run: String, pipeline: String, limit: TimeInterval, store: RunStore) async throws {
        let reason = reason(limit)
        let failed = try await store.failPendingUnits(run: run, reason: reason)
        MetricsObserver.unitsFailed(pipeline: pipeline, kind: UnitFailureKind.of(reason), count: failed)
        MetricsObserver.runGivenUp(pipeline: pipeline)
    }

    /// Whether `run` gave up: a unit failed with the give-up's reason and was not sent again since. Whoever
    /// finishes the run asks, not only the process that gave up.
    static func gaveUp(run: String, store: RunStore) async throws -> Bool {
        try await store.hasFailedUnits(run: run, reasonPrefix: reasonPrefix)
    }

    /// Whether to give up now: true once per silence of `limit` (the silence is counted again from now), so that
    /// of a worker's slots that find it expired, one gives up.
    func takeExpiry() -> Bool {
        guard expired else { return false }
        quietSince = Date()
        return true
    }

    var expired: Bool { waiting > 0 && Date().timeIntervalSince(quietSince) >= limit }
}
