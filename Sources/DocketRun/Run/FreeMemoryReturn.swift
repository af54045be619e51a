#if os(Linux)
    /// glibc's `malloc_trim(3)`, which the Glibc module does not export (it is declared in `malloc.h`).
    @_silgen_name("malloc_trim") private func mallocTrim(_ pad: Int) -> Int32
#endif

/// Gives the allocator's free memory back to the system while a run or a worker goes on. glibc keeps what a
/// thread freed in that thread's arena: `heaptrack` put a 1,000-document run's live heap at its peak at 14.5 MB
/// while the process held 33 MB of anonymous memory. `malloc_trim` returns the free pages of every arena; every
/// ten seconds it costs a few milliseconds. Measured by `make bench-scale`: peak RSS about 4 MB lower at 1,000,
/// 10,000 and 30,000 documents (docs/benchmarks.md); it does not stop the growth from 1,000 to 30,000.
enum FreeMemoryReturn {
    static let interval: UInt64 = 10_000_000_000

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
