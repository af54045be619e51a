import CoreMetrics
import DocketInfer
import DocketModel
import Foundation
import Synchronization

/// Every request to an endpoint, retries included, counted by outcome and timed (swift-metrics), around the
/// observer that records it: the executor does not know it is watched.
final class MeteredAttempts: AttemptObserver {
    private let inner: any AttemptObserver
    private typealias Open = (inner: Int64, endpoint: String, at: ContinuousClock.Instant)
    private let started = Mutex<(next: Int64, open: [Int64: Open])>((0, [:]))

    init(_ inner: any AttemptObserver) { self.inner = inner }

    func attemptStarted(unit: String, endpoint: String) async -> Int64? {
        guard let innerID = await inner.attemptStarted(unit: unit, endpoint: endpoint) else { return nil }
        return started.withLock {
            $0.next += 1
            $0.open[$0.next] = (innerID, endpoint, .now)
            return $0.next
        }
    }

    func attemptFinished(_ attempt: Int64, outcome: String, httpStatus: Int?, error: String?) async {
        guard let open = started.withLock({ $0.open.removeValue(forKey: attempt) }) else { return }
        Counter(
            label: "docket_endpoint_requests_total", dimensions: [("endpoint", open.endpoint), ("outcome", outcome)]
        )
        .increment()
        Timer(label: "docket_endpoint_request_duration_seconds", dimensions: [("endpoint", open.endpoint)])
            .recordSeconds(open.at.duration(to: .now).inSeconds)
        await inner.attemptFinished(open.inner, outcome: outcome, httpStatus: httpStatus, error: error)
    }
}
