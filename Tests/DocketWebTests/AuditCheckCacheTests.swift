import Foundation
import Testing

@testable import DocketAudit
@testable import DocketStore
@testable import DocketWeb

/// The audit page's kept check: a view waits for a first check only as long as its patience, and once the
/// kept check is older than its freshness a view shows it while a new one runs, which the next views show.
/// The checks here are the real one over a real store, or one that finishes only when the test opens its
/// gate (so nothing depends on how fast the machine is).
@Suite struct AuditCheckCacheTests {
    /// A check that ends, with `checked` records, only when `open` is called.
    final class Gate: @unchecked Sendable {
        private let lock = NSLock()
        private var waiting: [CheckedContinuation<Void, Never>] = []
        private var opened = false

        func wait() async {
            await withCheckedContinuation { continuation in
                lock.lock()
                if opened {
                    lock.unlock()
                    continuation.resume()
                } else {
                    waiting.append(continuation)
                    lock.unlock()
                }
            }
        }

        func open() {
            lock.lock()
            opened = true
            let all = waiting
            waiting = []
            lock.unlock()
            for continuation in all { continuation.resume() }
        }

        func check(_ checked: Int) -> @Sendable () async throws -> AuditVerifier.Report {
            {
                await self.wait()
                return AuditVerifier.Report(checked: checked, firstBroken: nil, problem: nil, head: "h")
            }
        }
    }

    @Test(.timeLimit(.minutes(5))) func aStaleCheckIsShownWhileANewOneRuns() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(UUID()).sqlite").path
        let store = try await SQLRunStore(sqlite: path)
        try await store.appendAudit((0..<3).map { AuditRecord(id: "d-\($0)", kind: .routing, run: nil, outcome: "x") })
        let checks = AuditCheckCache(store: store, freshness: 0, patience: 60)
        let first = await checks.state()
        #expect(first.last?.report.checked == 3 && first.last?.report.intact == true && !first.running)
        try await store.appendAudit([AuditRecord(id: "d-3", kind: .routing, run: nil, outcome: "x")])
        let second = await checks.state()
        #expect(second.running && second.last?.report.checked == 3, "the kept check, while a new one runs")
        var latest = second
        while latest.last?.report.checked != 4 {
            try await Task.sleep(nanoseconds: 20_000_000)
            latest = await checks.state()
        }
        #expect(latest.last?.report.intact == true)
    }

    @Test(.timeLimit(.minutes(5))) func aViewWaitsNoLongerThanItsPatience() async throws {
        let gate = Gate()
        let checks = AuditCheckCache(freshness: 60, patience: 0.05, check: gate.check(7))
        let first = await checks.state()
        #expect(first.last == nil && first.running, "nothing kept yet, and the view did not wait for the check")
        gate.open()
        var latest = first
        while latest.last == nil {
            try await Task.sleep(nanoseconds: 20_000_000)
            latest = await checks.state()
        }
        #expect(latest.last?.report.checked == 7 && !latest.running)
    }

    /// A check another view started and still running is waited for no longer either.
    @Test(.timeLimit(.minutes(5))) func aViewWaitsForARunningCheckNoLongerThanItsPatience() async throws {
        let gate = Gate()
        let checks = AuditCheckCache(freshness: 60, patience: 0.05, check: gate.check(5))
        let first = await checks.state()
        let second = await checks.state()
        #expect(first.last == nil && first.running && second.last == nil && second.running)
        gate.open()
    }
}
