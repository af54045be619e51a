import Foundation
import Testing

@testable import DocketRecords
@testable import DocketStore

/// A running run's counts are summed again only once ten times the last sum's duration has passed; a finished
/// run's, and cheap ones, are read each time. A scripted clock: each sum "takes" what the test says.
@Suite struct LiveCountsTests {
    final class Script: @unchecked Sendable {
        private let lock = NSLock()
        private var time = Date(timeIntervalSince1970: 1_800_000_000)
        private var sums = 0
        let cost: TimeInterval

        init(cost: TimeInterval) { self.cost = cost }

        var now: Date { lock.withLock { time } }
        var summed: Int { lock.withLock { sums } }
        func wait(_ seconds: TimeInterval) { lock.withLock { time += seconds } }

        func sum(_ run: String) -> RunCounts {
            lock.withLock {
                sums += 1
                time += cost
            }
            var counts = RunCounts()
            counts.units = sums
            return counts
        }

        func counts() -> LiveCounts {
            LiveCounts(share: 0.1, now: { self.now }, count: { self.sum($0) })
        }
    }

    @Test func aRunningRunsCountsTakingTwoSecondsAreSummedAgainAfterTwenty() async throws {
        let script = Script(cost: 2)
        let counts = script.counts()
        #expect(try await counts.counts(run: "r", status: .running).units == 1)
        script.wait(15)
        #expect(try await counts.counts(run: "r", status: .running).units == 1)
        #expect(script.summed == 1)
        script.wait(6)
        #expect(try await counts.counts(run: "r", status: .running).units == 2)
        // Another run has counts of its own.
        #expect(try await counts.counts(run: "s", status: .running).units == 3)
    }

    @Test func aFinishedRunsCountsAreReadEachTime() async throws {
        let script = Script(cost: 2)
        let counts = script.counts()
        _ = try await counts.counts(run: "r", status: .running)
        // It ended a moment later: its kept counts, not the running ones.
        #expect(try await counts.counts(run: "r", status: .completed).units == 2)
        #expect(try await counts.counts(run: "r", status: .completed).units == 3)
    }

    @Test func cheapCountsAreSummedEachTime() async throws {
        let script = Script(cost: 0)
        let counts = script.counts()
        for expected in 1...3 { #expect(try await counts.counts(run: "r", status: .running).units == expected) }
    }
}
