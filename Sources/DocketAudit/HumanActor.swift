import Foundation

/// Who took a human step (a submission, a challenge, a review, an unmasking, an erasure), as the
/// audit trail records it. In the web workspace it is the signed-in account ("account:3f1c… anna"):
/// nobody can type someone else's name. A CLI `--by NAME` is an administrator's script with the
/// store in hand, recorded as "cli:NAME", which says whose word it is.
public struct HumanActor: Sendable, Equatable {
    public struct Unnamed: Error, CustomStringConvertible {
        public var description: String
    }

    /// What the trail holds.
    public let recorded: String

    public static func account(id: String, name: String) -> HumanActor {
        HumanActor(recorded: "account:\(id) \(name)")
    }

    public static func commandLine(_ name: String, option: String = "--by") throws -> HumanActor {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw Unnamed(description: "\(option) must name a person") }
        return HumanActor(recorded: "cli:\(trimmed)")
    }

    /// The same person, however the name was spelled: an account by its id, a name given on the
    /// command line (or recorded before accounts existed) by its letters, case and spacing aside.
    public var identity: String { Self.identity(of: recorded) }

    public static func identity(of recorded: String) -> String {
        if recorded.hasPrefix("account:") { return String(recorded.prefix { !$0.isWhitespace }) }
        let name = recorded.hasPrefix("cli:") ? String(recorded.dropFirst(4)) : recorded
        return "cli:" + name.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// For people to read: "anna (account 3f1c…)", "Jonas Weber (command line)".
    public static func shown(_ recorded: String) -> String {
        if let id = accountID(of: recorded) {
            return recorded.drop { !$0.isWhitespace }.trimmingCharacters(in: .whitespaces)
                + " (account \(id.prefix(8)))"
        }
        if recorded.hasPrefix("cli:") { return recorded.dropFirst(4) + " (command line)" }
        return recorded
    }

    /// The account's id, for steps taken in the workspace.
    public static func accountID(of recorded: String) -> String? {
        guard recorded.hasPrefix("account:") else { return nil }
        return String(recorded.dropFirst(8).prefix { !$0.isWhitespace })
    }
}
