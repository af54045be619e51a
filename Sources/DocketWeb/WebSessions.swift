import DocketModel
import DocketRecords
import DocketStore
import Foundation

/// Sessions of the workspace. The browser holds a random token in an HttpOnly, SameSite=Strict cookie
/// (Secure behind TLS); the store keeps its SHA-256. A session ends `idle` seconds after its last
/// request or `absolute` seconds after sign-in, whichever comes first, and with its account's
/// disabling or password reset.
public struct WebSessions: Sendable {
    public static let cookieName = "docket_session"
    let store: any AccountStore
    public var idle: TimeInterval = 30 * 60
    public var absolute: TimeInterval = 12 * 60 * 60
    /// A session's last-seen time is written at most this often, not on every request.
    var touchEvery: TimeInterval = 60

    public init(store: any AccountStore) { self.store = store }

    /// A new session for the account: the token for the cookie, and the session as stored.
    public func start(for account: Account) async throws -> (token: String, session: WebSession) {
        let token = Self.randomHex(bytes: 32), now = Date()
        let session = WebSession(
            tokenHash: ContentHash.sha256(of: Array(token.utf8)), accountID: account.id,
            csrfToken: Self.randomHex(bytes: 32), createdAt: now, lastSeenAt: now)
        try await store.createSession(session)
        return (token, session)
    }

    /// The signed-in account and its session for a cookie's token; nil when there is none, it has
    /// timed out (and is then removed) or its account may no longer sign in.
    public func resume(token: String) async throws -> (account: Account, session: WebSession)? {
        let hash = ContentHash.sha256(of: Array(token.utf8)), now = Date()
        guard let session = try await store.session(tokenHash: hash) else { return nil }
        guard now.timeIntervalSince(session.lastSeenAt) < idle, now.timeIntervalSince(session.createdAt) < absolute,
            let account = try await store.account(id: session.accountID), !account.disabled
        else {
            try await store.deleteSession(tokenHash: hash)
            return nil
        }
        if now.timeIntervalSince(session.lastSeenAt) >= touchEvery {
            try await store.touchSession(tokenHash: hash, at: now)
        }
        return (account, session)
    }

    public func end(token: String) async throws {
        try await store.deleteSession(tokenHash: ContentHash.sha256(of: Array(token.utf8)))
    }

    static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
