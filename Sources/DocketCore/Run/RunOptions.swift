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
    /// The executable whose `extract-worker` command extracts documents.
    public var workerExecutable: String
    /// The SQLite file; default: `<pipeline output>/docket.sqlite`.
    public var storePath: String?
    /// Seconds to wait for requests in flight after Ctrl-C or SIGTERM.
    public var drainSeconds: TimeInterval = 30
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

/// What a run did.
public struct RunSummary: Sendable, Codable {
    public var runID: String
    public var counts: RunCounts
    public var interrupted: Bool
    public var outputFolder: String
    public var seconds: Double
    public var promptTokens: Int
    public var completionTokens: Int
    /// Wall seconds of each stage. They overlap: the stages run as a pipeline.
    public var stageSeconds: StageSeconds
    /// Tokens this run sent and received, by endpoint.
    public var tokensByEndpoint: [String: TokenCount]
    /// The audit trail's last record when the run ended.
    public var auditHead: String?
    /// Prompt tokens (estimated) of the tasks limited to chunks holding given clause categories: not sent,
    /// and sent; documents planned in this invocation.
    public var promptTokensSkipped = 0
    public var promptTokensLimited = 0
    /// Answers with a field that quotes what is not in the document (`QuoteGrounding`).
    public var ungroundedAnswers = 0
}

public struct StageSeconds: Sendable, Codable, Equatable {
    /// From the start until the last document was extracted (or found already extracted).
    public var extraction = 0.0
    /// Chunking, classification and routing, summed over documents.
    public var planning = 0.0
    /// From the first request until the last answer.
    public var inference = 0.0
}

public struct TokenCount: Sendable, Codable, Equatable {
    public var prompt = 0
    public var completion = 0
    public var requests = 0
}
