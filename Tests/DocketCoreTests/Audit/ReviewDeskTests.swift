import Foundation
import Testing

@testable import DocketAudit
@testable import DocketCore
@testable import DocketReport
@testable import DocketStore

/// Challenge and review (GDPR Art. 22(3)): each step is an audit record linked to the decision,
/// nobody reviews their own challenge, and the reviewed result is the one in force.
@Suite struct ReviewDeskTests {
    let taxonomy = TaxonomySpec(levels: ["internal", "restricted"], defaultLevel: "internal", rules: [])

    func desk() async throws -> (ReviewDesk, SQLRunStore, AuditRecord) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("review-\(UUID()).sqlite").path
        let store = try await SQLRunStore(sqlite: path)
        var decision = AuditRecord(id: "d-answer", kind: .inference, run: "r", outcome: #"{"clause_type":"payment"}"#)
        decision.unitKey = "unit-1"
        decision.model = "m"
        try await store.appendAudit([decision])
        return (
            ReviewDesk(store: store, masker: Masker(taxonomy: taxonomy)), store,
            try #require(try await store.auditRecord(id: "d-answer"))
        )
    }

    @Test func aChallengeIsRecordedLinkedAndMasked() async throws {
        let (desk, store, decision) = try await desk()
        let challenge = try await desk.challenge(
            decision: decision.id, by: "Anna Schmidt", reason: "Wrong clause type; reach me at anna.schmidt@example.de")
        #expect(challenge.status == .open && challenge.unitKey == "unit-1")
        let record = try #require(try await store.auditRecords(since: nil).last)
        #expect(record.kind == .challenge && record.refersTo == decision.id && record.actor == "Anna Schmidt")
        #expect(record.shownReasoning?.contains("[email]") == true)
        #expect(record.shownReasoning?.contains("example.de") == false)
        // The chain binds the reason by its hash; the text sits where it can be erased.
        #expect(record.reasoning?.hasPrefix("sha256:") == true && record.textProblem() == nil)
        #expect(try await store.challenges(openOnly: true).map(\.id) == [challenge.id])
    }

    @Test func unknownDecisionsHumanStepsAndSecondOpenChallengesAreRefused() async throws {
        let (desk, store, decision) = try await desk()
        await #expect(throws: StoreError.self) { try await desk.challenge(decision: "d-nothing", by: "A", reason: "r") }
        let challenge = try await desk.challenge(decision: decision.id, by: "A", reason: "r")
        await #expect(throws: StoreError.self) {
            try await desk.challenge(decision: decision.id, by: "B", reason: "again")
        }
        let challengeRecord = try #require(try await store.auditRecords(since: nil).last)
        await #expect(throws: StoreError.self) {
            try await desk.challenge(decision: challengeRecord.id, by: "B", reason: "a human step")
        }
        await #expect(throws: StoreError.self) {
            try await desk.challenge(decision: decision.id, by: "  ", reason: "no name")
        }
        _ = challenge
    }

    @Test(arguments: ["Anna Schmidt", "anna schmidt", "  ANNA   Schmidt "])
    func nobodyReviewsTheirOwnChallenge(_ reviewer: String) async throws {
        let (desk, _, decision) = try await desk()
        let challenge = try await desk.challenge(decision: decision.id, by: "Anna Schmidt", reason: "wrong")
        await #expect(throws: StoreError.self) { try await desk.uphold(challenge.id, by: reviewer, note: "fine") }
        await #expect(throws: StoreError.self) {
            try await desk.overturn(challenge.id, by: reviewer, note: "x", resultJSON: "{}")
        }
    }

    @Test func upholdingClosesTheChallengeWithItsOwnLinkedRecord() async throws {
        let (desk, store, decision) = try await desk()
        let challenge = try await desk.challenge(decision: decision.id, by: "Anna Schmidt", reason: "wrong")
        let upheld = try await desk.uphold(challenge.id, by: "Jonas Weber", note: "The clause is about payment.")
        #expect(upheld.status == .upheld && upheld.reviewer == "Jonas Weber")
        let record = try #require(try await store.auditRecords(since: nil).last)
        #expect(record.kind == .uphold && record.refersTo == decision.id && record.actor == "Jonas Weber")
        await #expect(throws: StoreError.self) {
            try await desk.uphold(challenge.id, by: "Third Person", note: "again")
        }
        #expect(try await store.challenges(openOnly: true).isEmpty)
        #expect(AuditVerifier.verify(try await store.auditRecords(since: nil)).intact)
    }

    @Test func theLatestOverturnIsTheUnitsResultInForce() async throws {
        let (desk, store, decision) = try await desk()
        let first = try await desk.challenge(decision: decision.id, by: "A", reason: "wrong")
        _ = try await desk.overturn(first.id, by: "B", note: "liability", resultJSON: #"{"clause_type":"liability"}"#)
        let second = try await desk.challenge(decision: decision.id, by: "C", reason: "still wrong")
        _ = try await desk.overturn(
            second.id, by: "D", note: "indemnity is other", resultJSON: #"{"clause_type":"other"}"#)
        let inForce = try #require(try await store.reviewedResults(units: ["unit-1"])["unit-1"])
        #expect(inForce.id == second.id && inForce.resultJSON == #"{"clause_type":"other"}"#)
        let kinds = try await store.auditRecords(since: nil).map(\.kind)
        #expect(kinds == [.inference, .challenge, .overturn, .challenge, .overturn])
    }
}
