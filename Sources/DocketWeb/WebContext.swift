import DocketRecords
import Hummingbird
import NIOCore

/// What a request of the workspace knows besides itself: who is signed in (set by
/// `SessionMiddleware`), and the address it came from (for throttling sign-ins).
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var account: Account?
    public var session: WebSession?
    /// The peer's IP address; nil in tests without a socket.
    public let remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Forms are posted URL-encoded; nothing the workspace takes is larger than a sign-in.
    public var requestDecoder: URLEncodedFormDecoder { URLEncodedFormDecoder() }
    public var maxUploadSize: Int { 64 * 1024 }
}
