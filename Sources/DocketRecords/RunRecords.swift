import DocketDecide
import DocketModel
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

    public init(
        id: String, pipeline: String, pipelineFile: String, ruleSetVersion: String, status: RunStatus, startedAt: Date,
        finishedAt: Date? = nil, outputFolder: String? = nil
    ) {
        self.id = id
        self.pipeline = pipeline
        self.pipelineFile = pipelineFile
        self.ruleSetVersion = ruleSetVersion
        self.status = status
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outputFolder = outputFolder
    }
}

/// A document as one run saw it: its plan, or why it failed.
public struct RunDocument: Sendable {
    public var path: String
    public var sha256: String?
    public var error: IngestError?
    public var plan: DocumentPlan?

    public init(path: String, sha256: String? = nil, error: IngestError? = nil, plan: DocumentPlan? = nil) {
        self.path = path
        self.sha256 = sha256
        self.error = error
        self.plan = plan
    }
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

    public init(
        key: String, documentSHA256: String, documentName: String, chunkID: String? = nil, task: String,
        status: UnitStatus, route: RouteDecision, reason: String? = nil
    ) {
        self.key = key
        self.documentSHA256 = documentSHA256
        self.documentName = documentName
        self.chunkID = chunkID
        self.task = task
        self.status = status
        self.route = route
        self.reason = reason
    }
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

    public init(
        unitKey: String, endpoint: String, model: String, weightsDigest: String? = nil, resultJSON: String,
        promptTokens: Int, completionTokens: Int, latencyMilliseconds: Int, finishedAt: Date
    ) {
        self.unitKey = unitKey
        self.endpoint = endpoint
        self.model = model
        self.weightsDigest = weightsDigest
        self.resultJSON = resultJSON
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.latencyMilliseconds = latencyMilliseconds
        self.finishedAt = finishedAt
    }
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

    public init(
        documents: Int = 0, failedDocuments: Int = 0, units: Int = 0, done: Int = 0, held: Int = 0, failed: Int = 0
    ) {
        self.documents = documents
        self.failedDocuments = failedDocuments
        self.units = units
        self.done = done
        self.held = held
        self.failed = failed
    }
}
