import Foundation

/// The replicas of one endpoint (servers of the same model), each with its own client and
/// circuit breaker. A request goes to the replica with the fewest requests outstanding among
/// those whose circuit lets it through; a replica that goes down is skipped until its probe
/// succeeds, so the run slows and loses nothing.
public actor ReplicaSet {
    public struct Replica: Sendable {
        public let url: URL
        public let client: EngineClient
        public let breaker: CircuitBreaker
    }

    public enum Choice: Sendable {
        case replica(index: Int, Replica)
        /// Every circuit is open; the earliest time one may let a probe through.
        case allOpen(retryAt: Date?)
    }

    public let replicas: [Replica]
    private var outstanding: [Int]

    public init(replicas: [Replica]) {
        self.replicas = replicas
        outstanding = Array(repeating: 0, count: replicas.count)
    }

    /// The least busy replica whose circuit lets a request through, preferring those not in
    /// `avoiding` (replicas that already failed this unit).
    public func choose(avoiding: Set<Int> = [], now: Date = Date()) async -> Choice {
        var retryAt: Date?
        let order = replicas.indices.sorted {
            (avoiding.contains($0) ? 1 : 0, outstanding[$0], $0) < (avoiding.contains($1) ? 1 : 0, outstanding[$1], $1)
        }
        for index in order {
            let permit = await replicas[index].breaker.permit(now: now)
            if permit.allowed {
                outstanding[index] += 1
                return .replica(index: index, replicas[index])
            }
            if let at = permit.retryAt { retryAt = min(retryAt ?? at, at) }
        }
        return .allOpen(retryAt: retryAt)
    }

    /// The request sent to `index` has ended, either way.
    public func finished(_ index: Int) { outstanding[index] -= 1 }
}
