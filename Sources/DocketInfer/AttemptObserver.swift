import Foundation

/// Watches the executor's attempts from outside: each request to an endpoint as it starts and how
/// it ended. The run records them in the store's attempts table; the executor itself persists
/// nothing, so a reviewer's rerun or a test can run a unit without touching a run.
public protocol AttemptObserver: Sendable {
    /// An attempt's id, handed back to `attemptFinished`; nil when the unit is no longer this process's to
    /// attempt (another worker took it over when this one's lease ran out): the executor sends nothing.
    func attemptStarted(unit: String, endpoint: String) async -> Int64?
    func attemptFinished(_ attempt: Int64, outcome: String, httpStatus: Int?, error: String?) async
}

/// Attempts seen by nobody.
public struct IgnoredAttempts: AttemptObserver {
    public init() {}
    public func attemptStarted(unit: String, endpoint: String) async -> Int64? { -1 }
    public func attemptFinished(_ attempt: Int64, outcome: String, httpStatus: Int?, error: String?) async {}
}
