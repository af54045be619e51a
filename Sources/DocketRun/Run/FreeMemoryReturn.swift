import Foundation

#if os(Linux)
    /// glibc's `malloc_trim(3)` and `mallopt(3)`, which the Glibc module does not export (`malloc.h`).
    @_silgen_name("malloc_trim") private func mallocTrim(_ pad: Int) -> Int32
    @_silgen_name("mallopt") private func mallocOption(_ parameter: Int32, _ value: Int32) -> Int32
#endif

/// Gives the allocator's free memory back to the system while a run or a worker goes on. glibc keeps what a
/// thread freed in that thread's arena: `heaptrack` put a 1,000-document run's live heap at its peak at 14.5 MB
/// while the process held 33 MB of anonymous memory. `malloc_trim` returns the free pages of every arena; every
/// ten seconds it costs a few milliseconds. Measured by `make bench-scale`: peak RSS about 4 MB lower at 1,000 and
/// 10,000 documents against the build without it (docs/benchmarks.md); from 1,000 to 30,000 the same build grew
/// by 17.0 MB in one invocation and 8.5 MB in another: the peak's spread between runs is that wide.
public enum FreeMemoryReturn {
    static let interval: UInt64 = 10_000_000_000

    /// At most one malloc arena per core (glibc's default is eight per core), unless `MALLOC_ARENA_MAX` is set.
    /// Docket's many threads (the concurrency pool, NIO, Dispatch, SQLite's callers) each took an arena and
    /// kept its free pieces: over a 10,000-document run the process's anonymous memory grew by 8.4 MB with the
    /// default, by about 4 MB with two arenas (`/proc/PID/smaps_rollup` sampled every 5 s), while its live heap
    /// grew by 0.4 KB a document (heaptrack, 1,000 against 3,000 documents). Call before threads start.
    public static func limitArenas() {
        #if os(Linux)
            // getenv, not ProcessInfo's environment: that builds a dictionary of every variable, on every start.
            guard getenv("MALLOC_ARENA_MAX") == nil else { return }
            let arenaMaximum: Int32 = -8  // M_ARENA_MAX in malloc.h
            _ = mallocOption(arenaMaximum, Int32(max(2, ProcessInfo.processInfo.activeProcessorCount)))
        #endif
    }

    /// Returns free memory every `interval` until cancelled.
    static func keep() -> Task<Void, Never> {
        Task.detached(priority: .background) {
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: interval)
                if Task.isCancelled { return }
                #if os(Linux)
                    _ = mallocTrim(0)
                #endif
            }
        }
    }
}
