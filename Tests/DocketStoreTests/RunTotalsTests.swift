import DocketAudit
import DocketRecords
import Foundation
import StoreTestSupport
import Testing

@testable import DocketStore

/// What pages that list runs read of each: a finished run's counts kept as it ended (and after an erasure),
/// a running run's summed now; a run's tokens summed by the store; whether a document still has pending units.
@Suite struct RunTotalsTests {
    let helper = OneDocumentTests()

    @Test(arguments: StoreKind.available) func aFinishedRunsCountsAreKeptAndErasureUpdatesThem(
        _ kind: StoreKind
    ) async throws {
        let store = try await kind.open()
        try await helper.run(store)
        for (path, sha) in [("/in/a.pdf", "a"), ("/in/b.pdf", "b")] {
            try await store.recordRunDocument(run: "r", path: path, sha256: sha, error: nil)
        }
        let units = [
            helper.unit("a1", document: "a"), helper.unit("a2", document: "a"), helper.unit("b1", document: "b"),
        ]
        try await store.addUnits(
            units, chunkTexts: Dictionary(uniqueKeysWithValues: units.map { ($0.chunkID!, (text: "x", heading: "")) }),
            run: "r", audit: [])
        try await store.saveResult(helper.result("a1"), audit: nil)
        #expect(try await store.hasPendingUnits(run: "r", document: "a"))
        try await store.markUnit(key: "a2", status: .failed, reason: "no")
        #expect(try await !store.hasPendingUnits(run: "r", document: "a"))
        #expect(try await store.hasPendingUnits(run: "r", document: "b"))
        #expect(
            try await store.tokens(run: "r")["local"]
                == {
                    var count = TokenCount()
                    (count.prompt, count.completion, count.requests) = (3, 2, 1)
                    return count
                }())
        // Running: summed now.
        #expect(try await store.counts(run: "r") == RunCounts(documents: 2, units: 3, done: 1, failed: 1))
        try await store.finishRun(id: "r", status: .completed)
        // A later run's work on a shared unit does not change what this run's end counted.
        try await store.markUnit(key: "b1", status: .held, reason: "later")
        #expect(try await store.counts(run: "r") == RunCounts(documents: 2, units: 3, done: 1, failed: 1))
        _ = try await store.eraseDocument(
            sha256: "a", record: { _ in AuditRecord(id: "erase-a", kind: .erasure, run: nil, outcome: "erased") })
        #expect(try await store.counts(run: "r") == RunCounts(documents: 1, units: 1, held: 1))
    }

    /// The end of a run hands over the counts it has just summed for its summary: they are kept as they are,
    /// not summed a second time.
    @Test(arguments: StoreKind.available) func aRunsEndKeepsTheCountsItWasGiven(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        try await helper.run(store)
        let given = RunCounts(documents: 7, units: 9, done: 8, failed: 1)
        try await store.finishRun(id: "r", status: .completed, counts: given)
        #expect(try await store.counts(run: "r") == given)
        #expect(try await store.run(id: "r")?.status == .completed)
    }

    /// What waits, for the operator's gauges: pending units of active runs by pipeline, and challenges open; a run
    /// that gave up fails its pending units (and only those) with its reason.
    @Test(arguments: StoreKind.available) func waitingWorkIsCountedAndAGivenUpRunFailsItsPendingUnits(
        _ kind: StoreKind
    ) async throws {
        let store = try await kind.open()
        try await helper.run(store)
        let units = [helper.unit("a1", document: "a"), helper.unit("a2", document: "a")]
        try await store.addUnits(
            units, chunkTexts: Dictionary(uniqueKeysWithValues: units.map { ($0.chunkID!, (text: "x", heading: "")) }),
            run: "r", audit: [])
        try await store.saveResult(helper.result("a1"), audit: nil)
        #expect(try await store.waitingWork().pendingUnits == ["p": 1])
        #expect(try await store.waitingWork().openChallenges == 0)
        let challenge = Challenge(
            id: "c1", decisionID: "d1", decisionKind: .clause, unitKey: nil, challengedBy: "account:1", reason: "no")
        try await store.openChallenge(
            challenge, audit: AuditRecord(id: "opened-c1", kind: .challenge, run: "r", outcome: "opened"))
        #expect(try await store.waitingWork().openChallenges == 1)
        #expect(try await !store.hasFailedUnits(run: "r", reasonPrefix: "no-endpoint:"))
        #expect(try await store.failPendingUnits(run: "r", reason: "no-endpoint: test") == 1)
        #expect(try await store.hasFailedUnits(run: "r", reasonPrefix: "no-endpoint:"))
        // The prefix is matched as written: `%` and `_` are no wildcards.
        #expect(try await !store.hasFailedUnits(run: "r", reasonPrefix: "no%"))
        #expect(try await !store.hasFailedUnits(run: "other", reasonPrefix: "no-endpoint:"))
        #expect(try await store.waitingWork().pendingUnits.isEmpty)
        #expect(try await store.unit(key: "a2")?.status == .failed)
        #expect(try await store.unit(key: "a2")?.reason == "no-endpoint: test")
        #expect(try await store.unit(key: "a1")?.status == .done)
        // A finished run's units wait for nobody.
        try await store.resetFailed(run: "r")
        try await store.finishRun(id: "r", status: .completed)
        #expect(try await store.waitingWork().pendingUnits.isEmpty)
    }
}
