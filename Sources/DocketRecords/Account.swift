import Foundation

/// A person who signs in to the web workspace (`docket users add`), with the roles that say what they
/// may do. Every human step they take is recorded with their account's id, not a typed name.
public struct Account: Sendable, Equatable {
    public enum Role: String, Sendable, CaseIterable, Comparable {
        /// Submits folders and sees their own runs.
        case submitter
        /// Works the challenge queue; sees a finding unmasked when they give a reason.
        case reviewer
        /// Reads everything, verifies and exports the trail; changes nothing.
        case auditor
        /// Manages accounts.
        case admin

        public static func < (lhs: Role, rhs: Role) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public var id: String
    /// How the person signs in: lower-case letters, digits, ".", "-", "_" and "@" (`AccountName`).
    public var name: String
    /// bcrypt, never the password.
    public var passwordHash: String
    public var roles: Set<Role>
    /// A disabled account cannot sign in, and its sessions end.
    public var disabled: Bool
    public var createdAt: Date

    public init(
        id: String = UUID().uuidString.lowercased(), name: String, passwordHash: String, roles: Set<Role>,
        disabled: Bool = false, createdAt: Date = Date()
    ) {
        self.id = id
        self.name = name
        self.passwordHash = passwordHash
        self.roles = roles
        self.disabled = disabled
        self.createdAt = createdAt
    }
}
