import AsyncHTTPClient
import Foundation
import NIOCore

/// HTTP clients for engine requests, one per connect timeout, alive for the whole process (like
/// `HTTPClient.shared`): connection pools are shared by every endpoint with the same setting.
/// They follow no redirect: a 3xx is the endpoint's failure (`EngineClient.classify`).
enum EngineHTTP {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var clients: [Int64: HTTPClient] = [:]

    static func client(connectTimeout: TimeInterval) -> HTTPClient {
        let milliseconds = Int64(connectTimeout * 1000)
        return lock.withLock {
            if let client = clients[milliseconds] { return client }
            var configuration = HTTPClient.Configuration()
            configuration.timeout.connect = .milliseconds(milliseconds)
            // A redirect would take the prompt to a server the gate never saw: never follow one.
            configuration.redirectConfiguration = .disallow
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            clients[milliseconds] = client
            return client
        }
    }
}
