import Foundation

/// A signed-in browser. The cookie holds a random token; the store keeps only the token's SHA-256, so
/// whoever reads the store cannot sign in as anyone. Its CSRF token goes into every form it is shown.
public struct WebSession: Sendable, Equatable {
    public var tokenHash: String
    public var accountID: String
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeenAt: Date

    public init(tokenHash: String, accountID: String, csrfToken: String, createdAt: Date, lastSeenAt: Date) {
        self.tokenHash = tokenHash
        self.accountID = accountID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }
}
