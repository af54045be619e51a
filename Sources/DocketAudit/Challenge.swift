import Foundation

/// A person contesting an automated decision, and its review (GDPR Art. 22(3)): the right to
/// obtain human intervention, to express a point of view and to contest the decision.
public struct Challenge: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        case open, upheld, overturned
    }

    /// "c-" and 12 hex digits.
    public var id: String
    /// The audit record of the contested decision.
    public var decisionID: String
    public var decisionKind: AuditKind
    /// The unit whose result is contested, for inference decisions.
    public var unitKey: String?
    public var challengedBy: String
    public var reason: String
    public var openedAt: Date
    public var status: Status
    public var reviewer: String?
    public var note: String?
    public var reviewedAt: Date?
    /// The reviewer's result, in place of the model's, when overturned.
    public var resultJSON: String?
    /// The endpoint the unit was run again on, when overturned with `--rerun-on`.
    public var rerunEndpoint: String?

    public init(
        id: String, decisionID: String, decisionKind: AuditKind, unitKey: String?, challengedBy: String, reason: String,
        openedAt: Date = Date()
    ) {
        self.id = id
        self.decisionID = decisionID
        self.decisionKind = decisionKind
        self.unitKey = unitKey
        self.challengedBy = challengedBy
        self.reason = reason
        self.openedAt = openedAt
        self.status = .open
    }
}
