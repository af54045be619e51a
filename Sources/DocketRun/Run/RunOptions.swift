import DocketInfer
import Foundation

/// How `docket run` and `docket resume` run a pipeline.
public struct RunOptions: Sendable {
    public var runID: String?
    /// Folders or files that replace the pipeline's `inputs`.
    public var inputs: [String] = []
    /// For a run over submissions: each submitted file's hash when it was submitted. A file whose
    /// bytes differ when the run reads it is reported as changed, not processed as submitted.
    public var submittedHashes: [String: String] = [:]
    /// Units in flight at once.
    public var jobs = 4
    /// Plan and store the units, send nothing.
    public var dryRun = false
    /// The `docket` executable; its extraction workers start beside it (`IsolatedExtractor.beside`).
    public var workerExecutable: String
    /// The SQLite file; default: `<pipeline output>/docket.sqlite`.
    public var storePath: String?
    /// Seconds to wait for requests in flight after Ctrl-C or SIGTERM.
    public var drainSeconds: TimeInterval = 30
    /// Overrides the pipeline's `give_up_after` (`docket serve` sets `PipelineSpec.scheduledGiveUp` where the
    /// pipeline has none).
    public var giveUpAfter: TimeInterval?
    public var requestTimeout: TimeInterval = 120
    public var connectTimeout: TimeInterval = 10
    public var retry = RetryPolicy()
    /// Record the run and its documents for `docket worker`s, and return: nothing is read or sent.
    public var enqueueOnly = false
    /// Bench only: no fsync in the store.
    public var durable = true

    public init(workerExecutable: String) {
        self.workerExecutable = workerExecutable
    }
}
