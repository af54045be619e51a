import DocketRecords
import Foundation

/// A run's counts for pages and progress lines that ask again and again. A running run's counts are summed
/// over all its units (about a second at ten thousand documents on SQLite), so they are summed again only
/// once as much time has passed as `share` says: with the default tenth, progress that is asked for every
/// second spends at most a tenth of the time counting, however large the run. A run that is not running is
/// read from the store each time (its counts were kept as it ended), and a small run's cheap counts are
/// summed again almost every time. One count runs per run at a time; others asking meanwhile wait for it.
public actor LiveCounts {
    struct Kept {
        var counts: RunCounts
        var at: Date
        var seconds: TimeInterval
    }

    /// Of the time between two counts, at most this much is spent counting.
    let share: Double
    private let count: @Sendable (String) async throws -> RunCounts
    private let now: @Sendable () -> Date
    private var kept: [String: Kept] = [:]
    private var counting: [String: Task<RunCounts, Error>] = [:]

    public init(store: any RunStore, share: Double = 0.1) {
        self.init(share: share, now: { Date() }) { try await store.counts(run: $0) }
    }

    init(
        share: Double, now: @escaping @Sendable () -> Date,
        count: @escaping @Sendable (String) async throws -> RunCounts
    ) {
        self.share = share
        self.now = now
        self.count = count
    }

    public func counts(run: String, status: RunStatus) async throws -> RunCounts {
        guard status == .running else {
            kept[run] = nil
            return try await count(run)
        }
        if let kept = kept[run], now().timeIntervalSince(kept.at) < kept.seconds / share { return kept.counts }
        if let running = counting[run] { return try await running.value }
        let (count, now) = (self.count, self.now)
        let task = Task { () throws -> RunCounts in
            let started = now()
            let counts = try await count(run)
            self.keep(run: run, Kept(counts: counts, at: started, seconds: now().timeIntervalSince(started)))
            return counts
        }
        counting[run] = task
        defer { counting[run] = nil }
        return try await task.value
    }

    private func keep(run: String, _ counted: Kept) {
        // Runs seen once by a long-lived process are few (a page lists 50): forget the oldest beyond a bound.
        if kept.count >= 256, let oldest = kept.min(by: { $0.value.at < $1.value.at })?.key { kept[oldest] = nil }
        kept[run] = counted
    }
}
