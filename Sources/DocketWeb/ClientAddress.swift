import Foundation
import HTTPTypes
import Hummingbird

/// The address a request came from, for throttling sign-ins per address. Behind a reverse proxy
/// every request comes from the proxy; only when the peer is one of the proxies the administrator
/// named (`--trusted-proxy`) is the last address the proxy appended to `X-Forwarded-For` taken
/// instead. A client's own `X-Forwarded-For` is never believed: it reached no trusted proxy, or
/// the proxy appended the real address after it.
enum ClientAddress {
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    static func of(_ request: Request, peer: String?, trustedProxies: Set<String>) -> String? {
        guard let peer, trustedProxies.contains(peer) else { return peer }
        let forwarded = request.headers[values: forwardedFor].joined(separator: ",")
        guard
            let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
            !last.isEmpty, last.count <= 45, last.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" })
        else { return peer }
        return last
    }
}
