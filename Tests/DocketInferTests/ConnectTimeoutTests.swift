import Foundation
import Testing

@testable import DocketInfer
@testable import DocketModel

/// A loopback listener whose accept queue is full: the kernel drops further connection
/// attempts, so a connect hangs as it does to a host that does not answer.
final class UnansweredPort {
    let port: Int
    private var sockets: [Int32] = []

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                guard bind(listener, raw, length) == 0, listen(listener, 0) == 0,
                    getsockname(listener, raw, &length) == 0
                else {
                    throw EngineError(message: "cannot open a loopback listener")
                }
            }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        sockets.append(listener)
        for _ in 0..<3 {  // fill the accept queue; nothing ever accepts
            let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            _ = fcntl(filler, F_SETFL, O_NONBLOCK)
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    _ = connect(filler, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            sockets.append(filler)
        }
        usleep(200_000)
    }

    deinit { sockets.forEach { close($0) } }
}

@Suite struct ConnectTimeoutTests {
    /// The request may take 5 s, the connect 1 s: without the connect timeout the request's own
    /// deadline would end it, with another error.
    @Test(.timeLimit(.minutes(5))) func anEndpointThatDoesNotAcceptFailsAtTheConnectTimeoutNotTheRequestTimeout()
        async throws
    {
        let port = try UnansweredPort()
        let client = EngineClient(
            baseURL: URL(string: "http://127.0.0.1:\(port.port)/v1")!, model: "m", timeout: 5, connectTimeout: 1)
        do {
            _ = try await client.complete(
                messages: [ChatMessage(role: "user", content: "x")], schema: .object([:]), schemaName: "t",
                maxTokens: 1,
                temperature: 0, unitKey: "u")
            Issue.record("a request to a port that never accepts succeeded")
        } catch {
            guard case .retryable(_, _, let detail) = error else { Issue.record("not retryable: \(error)"); return }
            #expect(detail.lowercased().contains("connect"), "\(detail)")
        }
    }
}
