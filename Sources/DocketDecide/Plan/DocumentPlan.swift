import DocketModel
import Foundation

/// A chunk with what the decision layer made of it. The text stays out of this record: what
/// leaves it (reports, `docket route`) carries ids, types and positions only.
public struct PlannedChunk: Sendable, Codable {
    public var id: String
    public var index: Int
    public var firstPage: Int
    public var lastPage: Int
    public var start: Int
    public var end: Int
    public var heading: String
    public var tokenEstimate: Int
    public var findings: [Finding]
    public var sensitivity: SensitivityDecision
    /// The CUAD clause categories found in the chunk (nil in plans made before clauses were found).
    public var clauses: [String]?
    /// One route per chunk-scoped task (or one under "" when the pipeline has no tasks).
    public var routes: [String: RouteDecision]

    public init(
        id: String, index: Int, firstPage: Int, lastPage: Int, start: Int, end: Int, heading: String,
        tokenEstimate: Int, findings: [Finding], sensitivity: SensitivityDecision, clauses: [String]? = nil,
        routes: [String: RouteDecision]
    ) {
        self.id = id
        self.index = index
        self.firstPage = firstPage
        self.lastPage = lastPage
        self.start = start
        self.end = end
        self.heading = heading
        self.tokenEstimate = tokenEstimate
        self.findings = findings
        self.sensitivity = sensitivity
        self.clauses = clauses
        self.routes = routes
    }
}

/// One document through chunking, classification and routing.
public struct DocumentPlan: Sendable, Codable {
    public var path: String
    public var sha256: String
    public var profile: DocumentProfile
    public var level: String
    public var chunks: [PlannedChunk]
    /// Routes of document-scoped tasks.
    public var documentRoutes: [String: RouteDecision]
    /// The clause categories found, with citations (no passage text); nil without the clause model.
    public var clauses: ContractClauses?
    /// Prompt tokens (estimated) of the chunk tasks limited to clause categories: not sent because the
    /// chunk holds none of them, and sent.
    public var promptTokensSkipped: Int?
    public var promptTokensLimited: Int?

    public init(
        path: String, sha256: String, profile: DocumentProfile, level: String, chunks: [PlannedChunk],
        documentRoutes: [String: RouteDecision], clauses: ContractClauses? = nil, promptTokensSkipped: Int? = nil,
        promptTokensLimited: Int? = nil
    ) {
        self.path = path
        self.sha256 = sha256
        self.profile = profile
        self.level = level
        self.chunks = chunks
        self.documentRoutes = documentRoutes
        self.clauses = clauses
        self.promptTokensSkipped = promptTokensSkipped
        self.promptTokensLimited = promptTokensLimited
    }
}

extension DocumentPlan {
    /// The plan as the store keeps it: without its routes, which the store keeps with each unit (a chunk's
    /// route was a third of its plan, stored twice), and which a run makes anew from the pages.
    public var withoutRoutes: DocumentPlan {
        var kept = self
        for index in kept.chunks.indices { kept.chunks[index].routes = [:] }
        kept.documentRoutes = [:]
        return kept
    }
}
