import DocketAudit
import DocketStore
import Foundation

/// The audit page's check of the hash chain, kept for `freshness` seconds. The check reads the whole trail
/// (a page at a time), which takes long in a data room: 45 s for the synthetic ten thousand contracts' trail
/// of about 540,000 records, measured by `make bench-scale` on a busy two-core machine. So a view never waits
/// for more than `patience`, and only while no check is kept: it shows the last check with when it was made,
/// or says that the first one is running; a view after `freshness` starts a new check in the background. The
/// first view starts the first check (the workspace does not check the whole trail at every start, for no
/// one). `docket audit verify` always checks now.
actor AuditCheckCache {
    struct Checked: Sendable {
        var report: AuditVerifier.Report
        var at: Date
        var seconds: Double
    }

    /// What a view shows: the last check, and whether a newer one is running.
    struct State: Sendable {
        var last: Checked?
        var running: Bool
    }

    let freshness: TimeInterval
    let patience: TimeInterval
    /// The check itself: the whole chain read from the store a page at a time.
    private let check: @Sendable () async throws -> AuditVerifier.Report
    private var last: Checked?
    private var running: Task<Checked, Error>?

    init(store: any RunStore, freshness: TimeInterval = 60, patience: TimeInterval = 0.25) {
        self.init(freshness: freshness, patience: patience) { try await AuditVerifier.verify(store: store) }
    }

    init(
        freshness: TimeInterval, patience: TimeInterval,
        check: @escaping @Sendable () async throws -> AuditVerifier.Report
    ) {
        self.freshness = freshness
        self.patience = patience
        self.check = check
    }

    func state() async -> State {
        if let last, Date().timeIntervalSince(last.at) < freshness { return State(last: last, running: false) }
        // With nothing kept yet, a view waits up to its patience (a small trail is checked within it); with a
        // check kept, no view waits for the next.
        if running == nil { start() }
        let deadline = Date().addingTimeInterval(last == nil ? patience : 0)
        while last == nil, Date() < deadline {
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
        if let last, running == nil { return State(last: last, running: false) }
        return State(last: last, running: true)
    }

    private func start() {
        let check = self.check
        let task = Task {
            let started = Date()
            let report = try await check()
            return Checked(report: report, at: started, seconds: Date().timeIntervalSince(started))
        }
        running = task
        Task {
            let result = try? await task.value
            self.finished(result)
        }
    }

    private func finished(_ result: Checked?) {
        if let result { last = result }
        running = nil
    }
}
