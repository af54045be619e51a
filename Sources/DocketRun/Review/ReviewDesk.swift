import DocketAudit
import DocketModel
import DocketRecords
import DocketReport
import DocketStore
import Foundation

/// Contesting automated decisions and reviewing them (GDPR Art. 22(3)). Each step is its own
/// audit record linked to the decision; a reviewer never reviews a challenge of their own.
public struct ReviewDesk: Sendable {
    public let store: RunStore
    public let masker: Masker

    public init(store: RunStore, masker: Masker) {
        self.store = store
        self.masker = masker
    }

    public func challenge(
        decision decisionID: String, by person: HumanActor, reason: String, at date: Date = Date()
    ) async throws -> Challenge {
        guard let decision = try await store.auditRecord(id: decisionID) else {
            throw StoreError(message: "no decision \(decisionID) in this store: `docket audit export` lists them")
        }
        guard AuditKind.contestable.contains(decision.kind) else {
            throw StoreError(
                message:
                    "\(decisionID) is a \(decision.kind.rawValue) record, not an automated decision: challenge the "
                    + "decision it refers to"
            )
        }
        if let open = try await store.challenges(decision: decisionID).first(where: { $0.status == .open }) {
            throw StoreError(message: "\(decisionID) is already contested (\(open.id)), waiting for review")
        }
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError(message: "the reason must say why the decision is contested")
        }
        let id =
            "c-"
            + ContentHash.sha256(
                of: Array(
                    "\(decisionID)\u{1F}\(person.recorded)\u{1F}\(AuditRecord.timestamp(date))\u{1F}\(UUID())".utf8)
            ).prefix(12)
        let challenge = Challenge(
            id: id, decisionID: decisionID, decisionKind: decision.kind, unitKey: decision.unitKey,
            challengedBy: person.recorded, reason: reason, openedAt: date)
        var record = linked(
            to: decision, kind: .challenge, id: id, outcome: "contested; queued for review as \(id)", at: date)
        record.actor = person.recorded
        record.reasoning = masker.mask(reason)
        try await store.openChallenge(challenge, audit: record)
        return challenge
    }

    public func uphold(
        _ challengeID: String, by reviewer: HumanActor, note: String, at date: Date = Date()
    ) async throws -> Challenge {
        var (challenge, decision) = try await reviewable(challengeID, reviewer: reviewer)
        challenge.status = .upheld
        challenge.reviewer = reviewer.recorded
        challenge.note = note
        challenge.reviewedAt = date
        var record = linked(
            to: decision, kind: .uphold, id: challengeID, outcome: "upheld: \(decision.shownOutcome)", at: date)
        record.actor = challenge.reviewer
        record.reasoning = masker.mask(note)
        try await store.closeChallenge(challenge, audit: record)
        return challenge
    }

    /// Replaces the decision's outcome with `resultJSON` (the caller has checked it against the
    /// task's schema). `rerun` names the endpoint, model and weights when the result came from
    /// running the unit again.
    public func overturn(
        _ challengeID: String, by reviewer: HumanActor, note: String, resultJSON: String,
        rerun: ResultRecord? = nil, at date: Date = Date()
    ) async throws -> Challenge {
        var (challenge, decision) = try await reviewable(challengeID, reviewer: reviewer)
        challenge.status = .overturned
        challenge.reviewer = reviewer.recorded
        challenge.note = note
        challenge.reviewedAt = date
        challenge.resultJSON = resultJSON
        challenge.rerunEndpoint = rerun?.endpoint
        var record = linked(
            to: decision, kind: .overturn, id: challengeID, outcome: masker.maskJSON(resultJSON), at: date)
        record.actor = challenge.reviewer
        record.reasoning =
            masker.mask(note) + (rerun.map { " (result from running the unit again on \($0.endpoint))" } ?? "")
        if let rerun {
            record.endpoint = rerun.endpoint
            record.model = rerun.model
            record.weightsDigest = rerun.weightsDigest
        }
        try await store.closeChallenge(challenge, audit: record)
        return challenge
    }

    /// What a model's answer or a classification's findings hold unmasked, for `reviewer`, who must say
    /// why. The unmasking is itself an audit record, linked to the decision; the values are not recorded.
    public func unmask(
        decision decisionID: String, by reviewer: HumanActor, reason: String, at date: Date = Date()
    ) async throws -> String {
        guard let decision = try await store.auditRecord(id: decisionID) else {
            throw StoreError(message: "no decision \(decisionID) in this store")
        }
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError(message: "the reason must say why the values are needed unmasked")
        }
        let clear = try await clearValues(of: decision)
        var record = linked(
            to: decision, kind: .unmask,
            id: "\(decisionID)\u{1F}\(reviewer.recorded)\u{1F}\(AuditRecord.timestamp(date))",
            outcome: "unmasked for \(reviewer.recorded)", at: date)
        record.actor = reviewer.recorded
        record.reasoning = masker.mask(reason)
        try await store.appendAudit([record])
        return clear
    }

    /// What a decision holds masked: a model's answer, or the findings a classification rests on (a
    /// chunk's, or for the document's level all of the document's), one per line with type and page.
    func clearValues(of decision: AuditRecord) async throws -> String {
        switch decision.kind {
        case .inference:
            if let unit = decision.unitKey, let clear = try await store.result(unit: unit)?.resultJSON { return clear }
        case .classification:
            guard let sha = decision.documentSHA256, let run = decision.run,
                let plan = try await store.runDocument(run: run, sha256: sha)?.plan,
                let pages = try await store.pages(sha256: sha)
            else { break }
            let findings = RunReportBuilder.findings(
                plan: plan, pages: pages, chunks: decision.chunkID.map { [$0] }, masked: false)
            guard !findings.isEmpty else {
                throw StoreError(message: "\(decision.id) rests on no findings: there is nothing masked to show")
            }
            return findings.map { "\($0.type), page \($0.page): \($0.shown)" }.joined(separator: "\n")
        default:
            break
        }
        throw StoreError(
            message: "\(decision.id) is a \(decision.kind.rawValue) record: it holds no masked values to unmask")
    }

    /// The open challenge and its decision, if `reviewer` may review it.
    public func reviewable(_ challengeID: String, reviewer: HumanActor) async throws -> (Challenge, AuditRecord) {
        guard let challenge = try await store.challenge(id: challengeID) else {
            throw StoreError(message: "no challenge \(challengeID): `docket review list` shows the open ones")
        }
        guard challenge.status == .open else {
            throw StoreError(
                message:
                    "\(challengeID) was already \(challenge.status.rawValue) by \(challenge.reviewer ?? "a reviewer")")
        }
        guard reviewer.identity != HumanActor.identity(of: challenge.challengedBy) else {
            throw StoreError(
                message: "\(reviewer.recorded) contested this decision and cannot review it: another person must")
        }
        guard let decision = try await store.auditRecord(id: challenge.decisionID) else {
            throw StoreError(
                message: "the decision \(challenge.decisionID) is no longer in the audit trail (removed by retention?)")
        }
        return (challenge, decision)
    }

    func linked(to decision: AuditRecord, kind: AuditKind, id: String, outcome: String, at date: Date) -> AuditRecord {
        var record = AuditRecord(
            id: AuditRecord.decisionID(kind.rawValue, id), kind: kind, run: decision.run, outcome: outcome, at: date)
        record.refersTo = decision.id
        record.documentSHA256 = decision.documentSHA256
        record.chunkID = decision.chunkID
        record.unitKey = decision.unitKey
        record.ruleSetVersion = decision.ruleSetVersion
        record.promptSchemaHash = decision.promptSchemaHash
        return record
    }
}
