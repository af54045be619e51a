import Foundation

/// How `docket run` and `docket resume` run a pipeline.
public struct RunOptions: Sendable {
    public var runID: String?
    /// Folders or files that replace the pipeline's `inputs`.
    public var inputs: [String] = []
    /// Units in flight at once.
    public var jobs = 4
    /// Plan and store the units, send nothing.
    public var dryRun = false
    /// The executable whose `extract-worker` command extracts documents.
    public var workerExecutable: String
    /// The SQLite file; default: `<pipeline output>/docket.sqlite`.
    public var storePath: String?
    /// Seconds to wait for requests in flight after Ctrl-C or SIGTERM.
    public var drainSeconds: TimeInterval = 30
    public var requestTimeout: TimeInterval = 120
    public var retry = RetryPolicy()
    /// Bench only: no fsync in the store.
    public var durable = true

    public init(workerExecutable: String) {
        self.workerExecutable = workerExecutable
    }
}

/// What a run did.
public struct RunSummary: Sendable, Codable {
    public var runID: String
    public var counts: RunCounts
    public var interrupted: Bool
    public var outputFolder: String
    public var seconds: Double
    public var promptTokens: Int
    public var completionTokens: Int
}
