import DocketAudit
import Foundation
import Testing

@testable import DocketStore
@testable import DocketWeb

/// The audit page's kept check: a view waits for a first check only as long as its patience, and once the
/// kept check is older than its freshness a view shows it while a new one runs, which the next views show.
@Suite struct AuditCheckCacheTests {
    func store(records: Int) async throws -> SQLRunStore {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(UUID()).sqlite").path
        let store = try await SQLRunStore(sqlite: path)
        try await store.appendAudit(
            (0..<records).map { AuditRecord(id: "d-\($0)", kind: .routing, run: nil, outcome: "x") })
        return store
    }

    @Test(.timeLimit(.minutes(1))) func aStaleCheckIsShownWhileANewOneRuns() async throws {
        let store = try await store(records: 3)
        let checks = AuditCheckCache(freshness: 0, patience: 30)
        let first = await checks.state(store: store)
        #expect(first.last?.report.checked == 3 && first.last?.report.intact == true && !first.running)
        try await store.appendAudit([AuditRecord(id: "d-3", kind: .routing, run: nil, outcome: "x")])
        let second = await checks.state(store: store)
        #expect(second.running && second.last?.report.checked == 3, "the kept check, while a new one runs")
        var latest = second
        while latest.last?.report.checked != 4 {
            try await Task.sleep(nanoseconds: 20_000_000)
            latest = await checks.state(store: store)
        }
        #expect(latest.last?.report.intact == true)
    }

    @Test(.timeLimit(.minutes(1))) func aViewWaitsNoLongerThanItsPatience() async throws {
        let store = try await store(records: 2_000)
        let checks = AuditCheckCache(freshness: 60, patience: 0)
        let first = await checks.state(store: store)
        #expect(first.last == nil && first.running, "nothing kept yet, and the view did not wait for the check")
        var latest = first
        while latest.last == nil {
            try await Task.sleep(nanoseconds: 20_000_000)
            latest = await checks.state(store: store)
        }
        #expect(latest.last?.report.checked == 2_000 && latest.last?.report.intact == true)
    }

    /// While a check started elsewhere (the workspace's start) runs, a view does not wait for it at all.
    @Test(.timeLimit(.minutes(1))) func aViewDoesNotWaitForACheckAlreadyRunning() async throws {
        let store = try await store(records: 20_000)
        let checks = AuditCheckCache(freshness: 60, patience: 30)
        await checks.refresh(store: store)
        // Had it waited its patience, the check would have ended and been shown.
        let view = await checks.state(store: store)
        #expect(view.last == nil && view.running)
    }
}
