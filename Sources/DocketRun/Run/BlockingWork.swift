import Foundation

/// Work that holds a thread for long (waiting on an extraction process, planning a whole document), run on a
/// thread of its own. Swift's cooperative pool has one thread per core, two here: a slot holding one for seconds
/// would starve the other slot's requests and the worker's lease heartbeat, and its units' leases would run out
/// while they were being answered.
enum BlockingWork {
    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: work()) }.start()
        }
    }
}
