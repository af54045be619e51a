import DocketStore
import Foundation

/// Holds a pipeline's lock in the store while work runs, refreshing its heartbeat, so that no two
/// processes (`docket serve`, `docket run`, on any machine sharing the store) run one pipeline at
/// once. A holder that crashes stops beating; after `staleAfter` its lock can be taken.
public enum PipelineLock {
    /// Runs `body` holding the lock; nil, without running it, when another holder has the lock.
    public static func with<T: Sendable>(
        _ pipeline: String, store: ScheduleStore, holder: LockHolder = .current(), staleAfter: TimeInterval = 120,
        _ body: @Sendable () async throws -> T
    ) async throws -> T? {
        guard try await store.acquireLock(pipeline: pipeline, holder: holder, staleAfter: staleAfter) else {
            return nil
        }
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: UInt64(staleAfter / 4 * 1e9))
                try? await store.refreshLock(pipeline: pipeline, holder: holder)
            }
        }
        // Released however the body ends (there is no `await` in a `defer`).
        let result: Result<T, any Error>
        do { result = .success(try await body()) } catch { result = .failure(error) }
        heartbeat.cancel()
        try? await store.releaseLock(pipeline: pipeline, holder: holder)
        return try result.get()
    }
}
