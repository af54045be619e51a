import DocketAudit
import DocketStore
import Foundation

/// The audit page's check of the hash chain, kept for `freshness` seconds: the check reads the whole trail (a
/// page at a time), which a data room makes long, so a view within that time shows the kept result with when
/// it was made, and a later view shows it while a new check runs in the background. The first view waits
/// for its check. `docket audit verify` always checks now.
actor AuditCheckCache {
    struct Checked: Sendable {
        var report: AuditVerifier.Report
        var at: Date
        var seconds: Double
    }

    let freshness: TimeInterval
    private var last: Checked?
    private var running: Task<Checked, Error>?

    init(freshness: TimeInterval = 60) {
        self.freshness = freshness
    }

    func checked(store: any RunStore) async throws -> (Checked, refreshing: Bool) {
        if let last, Date().timeIntervalSince(last.at) < freshness { return (last, false) }
        let task = running ?? start(store: store)
        if let last { return (last, true) }
        return (try await task.value, false)
    }

    private func start(store: any RunStore) -> Task<Checked, Error> {
        let task = Task {
            let started = Date()
            let report = try await AuditVerifier.verify(store: store)
            return Checked(report: report, at: started, seconds: Date().timeIntervalSince(started))
        }
        running = task
        Task {
            let result = try? await task.value
            self.finished(result)
        }
        return task
    }

    private func finished(_ result: Checked?) {
        if let result { last = result }
        running = nil
    }
}
