import Foundation
import HummingbirdBcrypt
import NIOPosix

/// Passwords hashed with bcrypt (hummingbird-auth) at a cost that takes about a quarter of a second on
/// this project's 2-core machine (a sign-in measured 0.15 s at cost 11, and 0.30 s at 12). Hashing and
/// checking run on NIO's thread pool: each holds a thread that long, and Swift's cooperative pool has one per core.
public enum PasswordHasher {
    public static let cost: UInt8 = 12
    /// bcrypt reads at most 72 bytes: a longer password would be checked only on its start.
    public static let maximumBytes = 72
    public static let minimumCharacters = 12

    public static func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public static func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Why a new password is refused, or nil.
    public static func problem(with password: String) -> String? {
        if password.count < minimumCharacters { return "a password needs at least \(minimumCharacters) characters" }
        if password.utf8.count > maximumBytes {
            return "a password may have at most \(maximumBytes) bytes (bcrypt's limit)"
        }
        return nil
    }

    /// A hash of a random password, checked when an account does not exist or may not sign in: the
    /// answer then takes as long as for an account that does.
    static let decoy = Bcrypt.hash(UUID().uuidString, cost: cost)
}
