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
    /// No endpoint answered for `give_up_after`: the pending units failed as `no-endpoint`.
    public var gaveUp = false

    public init(
        runID: String, counts: RunCounts, interrupted: Bool, outputFolder: String, seconds: Double, promptTokens: Int,
        completionTokens: Int, stageSeconds: StageSeconds, tokensByEndpoint: [String: TokenCount], auditHead: String?,
        promptTokensSkipped: Int = 0, promptTokensLimited: Int = 0
    ) {
        self.runID = runID
        self.counts = counts
        self.interrupted = interrupted
        self.outputFolder = outputFolder
        self.seconds = seconds
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.stageSeconds = stageSeconds
        self.tokensByEndpoint = tokensByEndpoint
        self.auditHead = auditHead
        self.promptTokensSkipped = promptTokensSkipped
        self.promptTokensLimited = promptTokensLimited
    }
}

public struct StageSeconds: Sendable, Codable, Equatable {
    /// From the start until the last document was extracted (or found already extracted).
    public var extraction = 0.0
    /// Chunking, classification and routing, summed over documents.
    public var planning = 0.0
    /// From the first request until the last answer.
    public var inference = 0.0

    public init() {}
}

public struct TokenCount: Sendable, Codable, Equatable {
    public var prompt = 0
    public var completion = 0
    public var requests = 0

    public init() {}
}
