import DocketModel
import Foundation

/// What kind of decision an audit record is about.
public enum AuditKind: String, Sendable, Codable, CaseIterable {
    /// A chunk's sensitivity level.
    case classification
    /// Where a unit of work may go, and where it may not.
    case routing
    /// A model's answer to a unit.
    case inference
    /// A person contests a decision (GDPR Art. 22(3)).
    case challenge
    /// A reviewer keeps the contested decision.
    case uphold
    /// A reviewer replaces the contested decision's outcome.
    case overturn
    /// Records older than the retention period were removed; this one anchors the rest.
    case retention
    /// A document was erased (GDPR Art. 17): its pages, chunks, results, reports and the text
    /// of the records about it. The chain keeps what proves each decision.
    case erasure
    /// A clause category found in a document by the clause model.
    case clause
    /// A reviewer saw in the clear what a decision's record shows masked, for the reason given.
    case unmask
    /// An administrator changed an account: added it, disabled or enabled it, changed its roles, reset its
    /// password, issued or revoked its API token (never the password or the token itself).
    case account

    /// The automated decisions a person may contest.
    public static let contestable: Set<AuditKind> = [.classification, .routing, .inference, .clause]

    /// Kinds whose outcome and reasoning are free text a model or a person wrote: personal data
    /// the detectors may miss. Their text is kept outside the chain, where it can be erased.
    var detachesText: Bool { [.inference, .challenge, .uphold, .overturn, .unmask].contains(self) }
}

/// One append-only entry of the audit trail. Holds hashes, ids and masked text, never raw
/// document text or personal data. `previousHash` chains it to the record before it, so an
/// edited, deleted or reordered record breaks the chain (`AuditVerifier`).
public struct AuditRecord: Sendable, Codable, Equatable {
    /// Position in the trail, from 1; assigned when the record is appended.
    public var sequence: Int64 = 0
    public var id: String
    /// ISO 8601, UTC, milliseconds: stored as text so that the hash survives the round trip.
    public var at: String
    public var run: String?
    public var kind: AuditKind
    public var documentSHA256: String?
    public var chunkID: String?
    public var unitKey: String?
    /// sha256 of exactly what the decision was made on (the chunk's text, the rendered prompt).
    public var inputHash: String?
    public var ruleSetVersion: String?
    /// sha256 of the task's prompt template and schema.
    public var promptSchemaHash: String?
    public var endpoint: String?
    public var model: String?
    public var weightsDigest: String?
    public var confidence: Double?
    /// Why: the rules that matched, the routing exclusions, the model's rationale (masked), a
    /// reviewer's note (masked).
    public var reasoning: String?
    /// What was decided: a level, a chain of endpoints, a result (masked).
    public var outcome: String
    /// The person, for human steps.
    public var actor: String?
    /// The decision a challenge or review is about.
    public var refersTo: String?
    public var previousHash: String = ""
    public var hash: String = ""
    /// For kinds that detach their text: the outcome and reasoning as written, kept in the
    /// erasable `audit_texts` table. The chained `outcome` and `reasoning` then hold their
    /// bindings ("sha256:…"); nil once the document was erased.
    public var outcomeText: String?
    public var reasoningText: String?

    /// What a person reads: the text where it is kept, else what the chain holds.
    public var shownOutcome: String { outcomeText ?? outcome }
    public var shownReasoning: String? { reasoningText ?? reasoning }

    public init(id: String, kind: AuditKind, run: String?, outcome: String, at: Date = Date()) {
        self.id = id
        self.kind = kind
        self.run = run
        self.outcome = outcome
        self.at = Self.timestamp(at)
    }

    /// The record as the chain keeps it: for kinds that detach their text, the text moves to
    /// `outcomeText` and `reasoningText`, and the chained fields bind it by its hash.
    public func detached() -> AuditRecord {
        guard kind.detachesText, outcomeText == nil else { return self }
        var record = self
        record.outcomeText = outcome
        record.outcome = Self.binding(outcome)
        if let reasoning {
            record.reasoningText = reasoning
            record.reasoning = Self.binding(reasoning)
        }
        return record
    }

    static func binding(_ text: String) -> String { "sha256:" + ContentHash.sha256(of: Array(text.utf8)) }

    /// Why the detached text does not match what the chain binds, or nil when it does (or is erased).
    func textProblem() -> String? {
        if let outcomeText, Self.binding(outcomeText) != outcome { return "its outcome text was changed" }
        if let reasoningText, Self.binding(reasoningText) != reasoning { return "its reasoning text was changed" }
        return nil
    }

    /// The hash of the first record's predecessor.
    public static let genesis = String(repeating: "0", count: 64)

    /// "2026-11-25T12:00:00.123Z", for every record and every date sent to PostgreSQL.
    public static func timestamp(_ date: Date) -> String { Civil.timestamp(date, between: "T", after: "Z") }

    /// A decision id that is the same however often the same decision is recorded, so that a
    /// resumed run does not record it twice: "d-" and 24 hex digits.
    public static func decisionID(_ parts: String...) -> String {
        "d-" + ContentHash.sha256(of: Array(parts.joined(separator: "\u{1F}").utf8)).prefix(24)
    }

    /// sha256 over every field but `hash`, in a fixed order, with the sequence number: what the
    /// chain links.
    public func computedHash() -> String {
        let fields: [String] = [
            "\(sequence)", id, at, run ?? "", kind.rawValue, documentSHA256 ?? "", chunkID ?? "", unitKey ?? "",
            inputHash ?? "", ruleSetVersion ?? "", promptSchemaHash ?? "", endpoint ?? "", model ?? "",
            weightsDigest ?? "", confidence.map { String($0) } ?? "", reasoning ?? "", outcome, actor ?? "",
            refersTo ?? "", previousHash,
        ]
        // The fields joined by the unit separator (0x1F), any separator within a field made a space: byte by
        // byte (in UTF-8 the byte 0x1F is that character and nothing else), not by a search per field.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(fields.reduce(fields.count) { $0 + $1.utf8.count })
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(0x1F) }
            for byte in field.utf8 { bytes.append(byte == 0x1F ? 0x20 : byte) }
        }
        return ContentHash.sha256(of: bytes)
    }
}
