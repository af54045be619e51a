import Foundation

/// Where a run is. Its changes, each made by one conditional update in the store:
///
///     queued ──(a worker takes it up)──▶ running ──(finished; one worker takes the completion)──▶ completing
///     completing ──(outputs written)──▶ completed
///     completing ──(its completer's lease ran out)──▶ completing, by another worker
///     running ──(Ctrl-C, SIGTERM)──▶ interrupted ──(docket resume)──▶ running
///     running ──(an error ends it)──▶ failed
public enum RunStatus: String, Sendable, Codable, CaseIterable {
    case queued, running, completing, completed, interrupted, failed

    /// Runs that workers take work from.
    public var isActive: Bool { self == .queued || self == .running }
}
