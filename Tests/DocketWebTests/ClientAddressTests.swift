import HTTPTypes
import Hummingbird
import NIOCore
import Testing

@testable import DocketWeb

/// Behind a reverse proxy: only a proxy named by the administrator is believed about the client.
@Suite struct ClientAddressTests {
    static func request(forwardedFor: String?) -> Request {
        var headers = HTTPFields()
        if let forwardedFor { headers[ClientAddress.forwardedFor] = forwardedFor }
        return Request(
            head: HTTPRequest(
                method: .post, scheme: "http", authority: "docket", path: "/login", headerFields: headers),
            body: .init(buffer: ByteBuffer()))
    }

    @Test func aTrustedProxysLastForwardedAddressIsTheClient() {
        let request = Self.request(forwardedFor: "203.0.113.9, 198.51.100.7")
        #expect(ClientAddress.of(request, peer: "10.0.0.2", trustedProxies: ["10.0.0.2"]) == "198.51.100.7")
    }

    @Test func anUntrustedPeersHeaderIsIgnoredAndGarbageFallsBackToThePeer() {
        // A client that sends its own header straight to Docket does not choose its address.
        let forged = Self.request(forwardedFor: "198.51.100.7")
        #expect(ClientAddress.of(forged, peer: "203.0.113.9", trustedProxies: ["10.0.0.2"]) == "203.0.113.9")
        #expect(ClientAddress.of(forged, peer: "203.0.113.9", trustedProxies: []) == "203.0.113.9")
        let garbage = Self.request(forwardedFor: "198.51.100.7, <script>")
        #expect(ClientAddress.of(garbage, peer: "10.0.0.2", trustedProxies: ["10.0.0.2"]) == "10.0.0.2")
        #expect(
            ClientAddress.of(Self.request(forwardedFor: nil), peer: "10.0.0.2", trustedProxies: ["10.0.0.2"])
                == "10.0.0.2")
    }
}
