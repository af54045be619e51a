import DocketSpec

/// How an attempt at an endpoint ended, as far as choosing the next one is concerned.
public enum AttemptOutcome: Sendable, Equatable, CaseIterable {
    case success
    /// The endpoint said the prompt does not fit its window.
    case contextLengthExceeded
    /// 5xx, a timeout or a reset connection: worth another try.
    case retryableFailure
    /// Any other 4xx: the request itself is wrong; no endpoint will take it.
    case fatalFailure
    /// The endpoint's circuit breaker is open: skip it.
    case unavailable
}

/// Walks a route decision's chain as attempts succeed or fail, and never returns an endpoint
/// the sovereignty gate refuses: the gate is asked again before every attempt, fallbacks included.
public struct AttemptSequencer: Sendable {
    public let decision: RouteDecision
    private let spec: RoutingSpec
    private let retriesPerEndpoint: Int
    private var position = 0
    private var retries = 0
    private var finished = false
    private var minimumWindow = 0

    public init(decision: RouteDecision, spec: RoutingSpec, retriesPerEndpoint: Int = 2) {
        self.decision = decision
        self.spec = spec
        self.retriesPerEndpoint = retriesPerEndpoint
        self.finished = decision.held != nil
    }

    /// The endpoint for the next attempt, or nil when the work succeeded, failed for good, or
    /// has no endpoint left.
    public mutating func next() -> EndpointSpec? {
        while !finished && position < decision.chain.count {
            let name = decision.chain[position]
            guard let endpoint = spec.endpoints.first(where: { $0.name == name }),
                SovereigntyGate.refusal(endpoint, level: decision.level, taxonomy: spec.taxonomy) == nil,
                endpoint.contextTokens > minimumWindow || minimumWindow == 0
            else {
                advance()
                continue
            }
            return endpoint
        }
        finished = true
        return nil
    }

    /// Whether the current endpoint is the last one of the chain: nothing to fall back to.
    public var atLastEndpoint: Bool { position >= decision.chain.count - 1 }

    public mutating func record(_ outcome: AttemptOutcome) {
        switch outcome {
        case .success, .fatalFailure:
            finished = true
        case .retryableFailure:
            retries += 1
            if retries > retriesPerEndpoint { advance() }
        case .unavailable:
            advance()
        case .contextLengthExceeded:
            // Only an endpoint with a larger window can help.
            if position < decision.chain.count,
                let endpoint = spec.endpoints.first(where: { $0.name == decision.chain[position] })
            {
                minimumWindow = max(minimumWindow, endpoint.contextTokens)
            }
            advance()
        }
    }

    private mutating func advance() {
        position += 1
        retries = 0
    }
}
