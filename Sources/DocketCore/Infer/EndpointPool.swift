import Foundation

/// The endpoints of a run, each with its client, circuit breaker and concurrency limit.
public final class EndpointPool: Sendable {
    public struct Member: Sendable {
        public var spec: EndpointSpec
        public var client: EngineClient
        public var breaker: CircuitBreaker
        public var limiter: ConcurrencyLimiter
        /// The model file's SHA-256, where Docket runs the model itself.
        public var weightsDigest: String?
    }

    public let members: [String: Member]

    public init(members: [Member]) {
        self.members = Dictionary(uniqueKeysWithValues: members.map { ($0.spec.name, $0) })
    }

    /// Members for a pipeline's remote endpoints, plus the embedded engine's URL for embedded ones.
    public static func make(endpoints: [EndpointSpec], embedded: EmbeddedEngine?, timeout: TimeInterval, connectTimeout: TimeInterval = 10,
                            breakerThreshold: Int = 5, breakerCooldown: TimeInterval = 30) -> EndpointPool {
        EndpointPool(members: endpoints.compactMap { spec in
            let url: URL?
            if spec.isEmbedded { url = embedded?.baseURL } else { url = spec.url.flatMap(URL.init(string:)) }
            guard let url else { return nil }
            let key = spec.apiKeyEnv.flatMap { ProcessInfo.processInfo.environment[$0] }
            return Member(spec: spec, client: EngineClient(baseURL: url, model: spec.model, apiKey: key, timeout: timeout, connectTimeout: connectTimeout),
                          breaker: CircuitBreaker(threshold: breakerThreshold, cooldown: breakerCooldown),
                          limiter: ConcurrencyLimiter(limit: spec.maxConcurrency),
                          weightsDigest: spec.isEmbedded ? embedded?.weightsDigest : nil)
        })
    }
}
