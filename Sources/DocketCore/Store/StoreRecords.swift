import Foundation

/// A run of a pipeline over its inputs.
public struct RunRecord: Sendable, Codable, Equatable {
    public var id: String
    public var pipeline: String
    public var pipelineFile: String
    public var ruleSetVersion: String
    public var status: RunStatus
    public var startedAt: Date
    public var finishedAt: Date?
    /// Where the run writes its results and reports.
    public var outputFolder: String?
}

/// A document as one run saw it: its plan, or why it failed.
public struct RunDocument: Sendable {
    public var path: String
    public var sha256: String?
    public var error: IngestError?
    public var plan: DocumentPlan?
}

/// One unit of work: a task on a chunk, or on a whole document. Its key is the content it
/// depends on, so a rerun with nothing changed finds it done.
public struct UnitRecord: Sendable, Codable, Equatable {
    public var key: String
    public var documentSHA256: String
    public var documentName: String
    /// nil for document-scoped tasks.
    public var chunkID: String?
    public var task: String
    public var status: UnitStatus
    public var route: RouteDecision
    public var reason: String?
}

/// A model's answer to a unit, exactly one per unit.
public struct ResultRecord: Sendable, Codable, Equatable {
    public var unitKey: String
    public var endpoint: String
    public var model: String
    public var weightsDigest: String?
    public var resultJSON: String
    public var promptTokens: Int
    public var completionTokens: Int
    public var latencyMilliseconds: Int
    public var finishedAt: Date
}

/// What a run has done so far.
public struct RunCounts: Sendable, Codable, Equatable {
    public var documents = 0
    public var failedDocuments = 0
    public var units = 0
    public var done = 0
    public var held = 0
    public var failed = 0
    public var pending: Int { units - done - held - failed }
}
