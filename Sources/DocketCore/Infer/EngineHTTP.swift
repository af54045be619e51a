import AsyncHTTPClient
import Foundation
import NIOCore

/// HTTP clients for engine requests, one per connect timeout, alive for the whole process (like
/// `HTTPClient.shared`): connection pools are shared by every endpoint with the same setting.
enum EngineHTTP {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var clients: [Int64: HTTPClient] = [:]

    static func client(connectTimeout: TimeInterval) -> HTTPClient {
        let milliseconds = Int64(connectTimeout * 1000)
        return lock.withLock {
            if let client = clients[milliseconds] { return client }
            var configuration = HTTPClient.Configuration()
            configuration.timeout.connect = .milliseconds(milliseconds)
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            clients[milliseconds] = client
            return client
        }
    }
}
