import DocketSpec
import Foundation

/// The endpoints of a run, each with its replicas (a client and a circuit breaker each) and
/// its concurrency limit.
public final class EndpointPool: Sendable {
    public struct Member: Sendable {
        public var spec: EndpointSpec
        public var replicas: ReplicaSet
        /// The first replica's client: for token counts, which every replica answers alike.
        public var client: EngineClient { replicas.replicas[0].client }
        public var limiter: ConcurrencyLimiter
        /// The model file's SHA-256, where Docket runs the model itself.
        public var weightsDigest: String?
    }

    public let members: [String: Member]

    public init(members: [Member]) {
        self.members = Dictionary(uniqueKeysWithValues: members.map { ($0.spec.name, $0) })
    }

    /// Members for a pipeline's remote endpoints, plus the embedded engine's URL for embedded ones.
    public static func make(
        endpoints: [EndpointSpec], embedded: EmbeddedEngine?, timeout: TimeInterval, connectTimeout: TimeInterval = 10,
        breakerThreshold: Int = 5, breakerCooldown: TimeInterval = 30
    ) -> EndpointPool {
        EndpointPool(
            members: endpoints.compactMap { spec in
                let urls: [URL] =
                    spec.isEmbedded
                    ? [embedded?.baseURL].compactMap { $0 } : spec.replicaURLs.compactMap(URL.init(string:))
                guard !urls.isEmpty else { return nil }
                let key =
                    spec.isEmbedded
                    ? embedded?.apiKey : spec.apiKeyEnv.flatMap { ProcessInfo.processInfo.environment[$0] }
                let replicas = urls.enumerated().map { index, url in
                    ReplicaSet.Replica(
                        url: url,
                        client: EngineClient(
                            baseURL: url, model: spec.model, apiKey: key, timeout: timeout,
                            connectTimeout: connectTimeout),
                        breaker: CircuitBreaker(
                            threshold: breakerThreshold, cooldown: breakerCooldown, endpoint: spec.name, replica: index)
                    )
                }
                return Member(
                    spec: spec, replicas: ReplicaSet(replicas: replicas),
                    limiter: ConcurrencyLimiter(limit: spec.maxConcurrency * urls.count),
                    weightsDigest: spec.isEmbedded ? embedded?.weightsDigest : nil)
            })
    }
}
