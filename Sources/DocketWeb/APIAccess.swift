import DocketModel
import DocketRecords
import DocketStore
import Foundation
import Hummingbird

/// The JSON API's caller: the account whose token the request bears (`Authorization: Bearer …`).
/// Only the token counts, never a session cookie, so a page elsewhere cannot make a browser call it.
public enum APIAccess {
    /// A new token: "dkt_" and 256 random bits in hex, shown once to the administrator.
    public static func newToken() -> String { "dkt_" + WebSessions.randomHex(bytes: 32) }

    public static func hash(_ token: String) -> String { ContentHash.sha256(of: Array(token.utf8)) }

    static func account(_ request: Request, store: any RunStore) async throws -> Account? {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return nil }
        let token = header.dropFirst(7).trimmingCharacters(in: .whitespaces)
        guard token.hasPrefix("dkt_"), token.count <= 100,
            let account = try await store.account(apiTokenHash: hash(token)), !account.disabled
        else { return nil }
        return account
    }

    static func json(_ object: Any, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(
                byteBuffer: .init(bytes: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))))
    }

    static func problem(_ message: String, status: HTTPResponse.Status) throws -> Response {
        try json(["error": message], status: status)
    }
}
