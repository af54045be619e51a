import CoreMetrics
import DocketStore
import Foundation
import ServiceLifecycle

/// The operator's gauges of what waits in a store, read every `interval` seconds while a service runs with
/// `--metrics`: `docket_queue_units{pipeline}` (pending units of active runs) and `docket_challenges_open`.
/// Two aggregate queries a look; a pipeline whose queue emptied reads 0 until the process ends.
public struct WaitingWorkGauges: Service {
    let store: RunStore
    let interval: TimeInterval

    public init(store: RunStore, interval: TimeInterval = 30) {
        self.store = store
        self.interval = interval
    }

    /// Until the group shuts down: its graceful shutdown cancels the wait between looks.
    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            var seen: Set<String> = []
            while !Task.isCancelled {
                if let waiting = try? await store.waitingWork() {
                    for pipeline in seen.union(waiting.pendingUnits.keys) {
                        Gauge(label: "docket_queue_units", dimensions: [("pipeline", pipeline)])
                            .record(waiting.pendingUnits[pipeline] ?? 0)
                    }
                    seen.formUnion(waiting.pendingUnits.keys)
                    Gauge(label: "docket_challenges_open").record(waiting.openChallenges)
                }
                try await Task.sleep(nanoseconds: UInt64(interval * 1e9))
            }
        }
    }
}
