import DocketRecords
import DocketReport
import DocketStore

/// Ends a run: its outputs written, then its status set. The one place a run and a worker do this.
/// Outputs first: a process killed in between leaves a run that is not yet finished (a worker's
/// completion lease expires, `docket resume` finishes a local run), never one marked finished
/// without its results and reports.
enum RunFinish {
    /// Returns how many answers are ungrounded.
    @discardableResult
    static func finish(
        _ run: String, status: RunStatus, summary: RunSummary, folder: String, store: RunStore
    ) async throws -> Int {
        let ungrounded = try await ReportWriter.write(
            store: store, run: run, folder: folder, summary: summary, status: status, rewriteReports: false)
        // The counts the summary was just given: the run's units no longer change.
        try await store.finishRun(id: run, status: status, counts: summary.counts)
        return ungrounded
    }
}
