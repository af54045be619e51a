import Foundation
import StoreTestSupport
import Testing

@testable import DocketAudit
@testable import DocketDecide
@testable import DocketRecords
@testable import DocketRun
@testable import DocketSpec
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
            decision: decision.id, by: .commandLine("Anna Schmidt"),
            reason: "Wrong clause type; reach me at anna.schmidt@example.de")
        #expect(challenge.status == .open && challenge.unitKey == "unit-1")
        let record = try #require(try await store.auditRecords(since: nil).last)
        #expect(record.kind == .challenge && record.refersTo == decision.id && record.actor == "cli:Anna Schmidt")
        #expect(record.shownReasoning?.contains("[email]") == true)
        #expect(record.shownReasoning?.contains("example.de") == false)
        // The chain binds the reason by its hash; the text sits where it can be erased.
        #expect(record.reasoning?.hasPrefix("sha256:") == true && record.textProblem() == nil)
        #expect(try await store.challenges(openOnly: true, after: nil, limit: 100).map(\.id) == [challenge.id])
    }

    @Test func unknownDecisionsHumanStepsAndSecondOpenChallengesAreRefused() async throws {
        let (desk, store, decision) = try await desk()
        await #expect(throws: StoreError.self) {
            try await desk.challenge(decision: "d-nothing", by: .commandLine("A"), reason: "r")
        }
        let challenge = try await desk.challenge(decision: decision.id, by: .commandLine("A"), reason: "r")
        await #expect(throws: StoreError.self) {
            try await desk.challenge(decision: decision.id, by: .commandLine("B"), reason: "again")
        }
        let challengeRecord = try #require(try await store.auditRecords(since: nil).last)
        await #expect(throws: StoreError.self) {
            try await desk.challenge(decision: challengeRecord.id, by: .commandLine("B"), reason: "a human step")
        }
        #expect(throws: HumanActor.Unnamed.self) { try HumanActor.commandLine("  ") }
        await #expect(throws: StoreError.self) {
            try await desk.challenge(decision: decision.id, by: .commandLine("B"), reason: "  ")
        }
        _ = challenge
    }

    @Test(arguments: ["Anna Schmidt", "anna schmidt", "  ANNA   Schmidt "])
    func nobodyReviewsTheirOwnChallenge(_ reviewer: String) async throws {
        let (desk, _, decision) = try await desk()
        let challenge = try await desk.challenge(
            decision: decision.id, by: .commandLine("Anna Schmidt"), reason: "wrong")
        await #expect(throws: StoreError.self) {
            try await desk.uphold(challenge.id, by: .commandLine(reviewer), note: "fine")
        }
        await #expect(throws: StoreError.self) {
            try await desk.overturn(challenge.id, by: .commandLine(reviewer), note: "x", resultJSON: "{}")
        }
    }

    @Test func upholdingClosesTheChallengeWithItsOwnLinkedRecord() async throws {
        let (desk, store, decision) = try await desk()
        let challenge = try await desk.challenge(
            decision: decision.id, by: .commandLine("Anna Schmidt"), reason: "wrong")
        let upheld = try await desk.uphold(
            challenge.id, by: .commandLine("Jonas Weber"), note: "The clause is about payment.")
        #expect(upheld.status == .upheld && upheld.reviewer == "cli:Jonas Weber")
        let record = try #require(try await store.auditRecords(since: nil).last)
        #expect(record.kind == .uphold && record.refersTo == decision.id && record.actor == "cli:Jonas Weber")
        await #expect(throws: StoreError.self) {
            try await desk.uphold(challenge.id, by: .commandLine("Third Person"), note: "again")
        }
        #expect(try await store.challenges(openOnly: true, after: nil, limit: 100).isEmpty)
        #expect(AuditVerifier.verify(try await store.auditRecords(since: nil)).intact)
    }

    @Test func theLatestOverturnIsTheUnitsResultInForce() async throws {
        let (desk, store, decision) = try await desk()
        let first = try await desk.challenge(decision: decision.id, by: .commandLine("A"), reason: "wrong")
        _ = try await desk.overturn(
            first.id, by: .commandLine("B"), note: "liability", resultJSON: #"{"clause_type":"liability"}"#)
        let second = try await desk.challenge(decision: decision.id, by: .commandLine("C"), reason: "still wrong")
        _ = try await desk.overturn(
            second.id, by: .commandLine("D"), note: "indemnity is other", resultJSON: #"{"clause_type":"other"}"#)
        let inForce = try #require(try await store.reviewedResults(units: ["unit-1"])["unit-1"])
        #expect(inForce.id == second.id && inForce.resultJSON == #"{"clause_type":"other"}"#)
        let kinds = try await store.auditRecords(since: nil).map(\.kind)
        #expect(kinds == [.inference, .challenge, .overturn, .challenge, .overturn])
    }

    /// In the workspace a person is their account: another name does not make another reviewer,
    /// and the same name on another account does not make the same one.
    @Test func accountsAreComparedByIdNotByName() async throws {
        let (desk, _, decision) = try await desk()
        let challenge = try await desk.challenge(
            decision: decision.id, by: .account(id: "7", name: "anna"), reason: "wrong")
        #expect(challenge.challengedBy == "account:7 anna")
        await #expect(throws: StoreError.self) {
            try await desk.uphold(challenge.id, by: HumanActor(recorded: "account:7 anna.schmidt"), note: "fine")
        }
        let upheld = try await desk.uphold(challenge.id, by: .account(id: "8", name: "anna"), note: "fine")
        #expect(upheld.reviewer == "account:8 anna")
        #expect(HumanActor.accountID(of: upheld.reviewer ?? "") == "8")
        // A command-line name is compared as a name, also against names recorded before accounts existed.
        #expect(HumanActor.identity(of: "Anna  Schmidt") == (try HumanActor.commandLine("anna schmidt")).identity)
        #expect(HumanActor.identity(of: "account:7 x") != (try HumanActor.commandLine("account:7")).identity)
    }

    @Test func unmaskingShowsTheAnswerAndRecordsWhoAndWhyButNotTheValues() async throws {
        let (desk, store, decision) = try await desk()
        let answer = #"{"clause_type":"payment","contact":"anna.schmidt@example.de"}"#
        try await store.createRun(
            RunRecord(
                id: "r", pipeline: "p", pipelineFile: "f", ruleSetVersion: "v", status: .running, startedAt: Date()))
        let unit = UnitRecord(
            key: "unit-1", documentSHA256: "sha", documentName: "d.pdf", chunkID: "c1", task: "t", status: .pending,
            route: RouteDecision(
                rule: "r", ruleSetVersion: "v", level: "internal", chain: ["local"], excluded: [], held: nil,
                neededTokens: [:]),
            reason: nil)
        try await store.addUnits([unit], chunkTexts: ["c1": ("text", "1")], run: "r", audit: [])
        try await store.saveResult(
            ResultRecord(
                unitKey: "unit-1", endpoint: "local", model: "m", resultJSON: answer, promptTokens: 1,
                completionTokens: 1, latencyMilliseconds: 1, finishedAt: Date()),
            audit: nil)
        let reviewer = HumanActor.account(id: "3", name: "jonas")
        await #expect(throws: StoreError.self) {
            try await desk.unmask(decision: decision.id, by: reviewer, reason: " ")
        }
        #expect(try await desk.unmask(decision: decision.id, by: reviewer, reason: "checking the contact") == answer)
        let record = try #require(try await store.auditRecords(since: nil).last)
        #expect(record.kind == .unmask && record.refersTo == decision.id && record.actor == "account:3 jonas")
        #expect(record.shownReasoning == "checking the contact")
        #expect(!record.shownOutcome.contains("example.de"))
        let challengeRecord = try await desk.challenge(decision: decision.id, by: reviewer, reason: "r")
        await #expect(throws: StoreError.self) {
            try await desk.unmask(
                decision: AuditRecord.decisionID("challenge", challengeRecord.id), by: reviewer, reason: "r")
        }
        #expect(AuditVerifier.verify(try await store.auditRecords(since: nil)).intact)
    }
}
