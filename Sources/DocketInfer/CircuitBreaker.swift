import CoreMetrics
import Foundation

/// Stops sending to an endpoint that keeps failing: after `threshold` consecutive failures it
/// opens for `cooldown`; then one probe is let through (half-open); success closes it, failure
/// opens it again. With a single endpoint this still matters: callers wait out the cooldown
/// instead of hammering a server that is down (see `UnitExecutor`).
public actor CircuitBreaker {
    public enum State: Sendable, Equatable { case closed, open(until: Date), halfOpen }

    public let threshold: Int
    public let cooldown: TimeInterval
    public private(set) var state: State = .closed {
        didSet { if state != oldValue { gauge?.record(Self.gaugeValue(state)) } }
    }
    private var consecutiveFailures = 0
    private var probeInFlight = false
    /// `docket_endpoint_breaker_state` for the endpoint and replica: 0 closed, 1 half-open, 2 open.
    private let gauge: Gauge?

    public init(threshold: Int = 5, cooldown: TimeInterval = 30, endpoint: String? = nil, replica: Int = 0) {
        self.threshold = threshold
        self.cooldown = cooldown
        gauge = endpoint.map {
            Gauge(label: "docket_endpoint_breaker_state", dimensions: [("endpoint", $0), ("replica", String(replica))])
        }
        gauge?.record(0)
    }

    static func gaugeValue(_ state: State) -> Int {
        switch state {
        case .closed: 0
        case .halfOpen: 1
        case .open: 2
        }
    }

    /// Whether a request may go now; when not, the time after which one may.
    public func permit(now: Date = Date()) -> (allowed: Bool, retryAt: Date?) {
        switch state {
        case .closed:
            return (true, nil)
        case .open(let until):
            guard now >= until else { return (false, until) }
            state = .halfOpen
            probeInFlight = true
            return (true, nil)
        case .halfOpen:
            if probeInFlight { return (false, now.addingTimeInterval(min(1, cooldown))) }
            probeInFlight = true
            return (true, nil)
        }
    }

    public func recordSuccess() {
        consecutiveFailures = 0
        probeInFlight = false
        state = .closed
    }

    public func recordFailure(now: Date = Date()) {
        probeInFlight = false
        consecutiveFailures += 1
        if state == .halfOpen || consecutiveFailures >= threshold {
            state = .open(until: now.addingTimeInterval(cooldown))
        }
    }
}
