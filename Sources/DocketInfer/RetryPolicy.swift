import Foundation

/// Exponential backoff with full jitter; a server's Retry-After wins when it asks for longer.
public struct RetryPolicy: Sendable, Equatable {
    public var retriesPerEndpoint: Int = 2
    public var baseDelay: TimeInterval = 0.5
    public var maximumDelay: TimeInterval = 30

    public init(retriesPerEndpoint: Int = 2, baseDelay: TimeInterval = 0.5, maximumDelay: TimeInterval = 30) {
        self.retriesPerEndpoint = retriesPerEndpoint
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
    }

    /// A server's Retry-After is honoured up to this, so a bad header cannot park a run.
    public var maximumRetryAfter: TimeInterval = 120

    /// The wait before retry number `attempt` (1-based).
    public func delay(attempt: Int, retryAfter: TimeInterval?) -> TimeInterval {
        let exponential = min(maximumDelay, baseDelay * pow(2, Double(attempt - 1)))
        let jittered = Double.random(in: 0...exponential)
        return max(jittered, min(retryAfter ?? 0, maximumRetryAfter))
    }
}
