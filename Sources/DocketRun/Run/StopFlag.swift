import Foundation
import Synchronization

/// Set once, from a signal handler, a service group's graceful shutdown or another thread; what
/// waits for it is resumed at once, without polling.
public final class StopFlag: Sendable {
    private struct State {
        var isSet = false
        var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public func set() {
        let resumed = state.withLock { state in
            state.isSet = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        resumed.forEach { $0.resume() }
    }

    public var isSet: Bool { state.withLock { $0.isSet } }

    /// Returns when the flag is set, or when the waiting task is cancelled.
    public func wait() async {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now = state.withLock { state in
                    if state.isSet || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
