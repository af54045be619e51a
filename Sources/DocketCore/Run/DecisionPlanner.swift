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
    /// One route per chunk-scoped task (or one under "" when the pipeline has no tasks).
    public var routes: [String: RouteDecision]
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
}

/// Chunks, classifies and routes extracted documents for a pipeline: the decision layer from
/// end to end, with no model contacted. Reads the task prompt templates once, to know their size.
public struct DecisionPlanner: Sendable {
    public let pipeline: PipelineSpec
    public let chunker: Chunker
    public let classifier: Classifier
    public let router: Router
    private let promptCharacters: [String: Int]

    public init(pipeline: PipelineSpec) {
        self.pipeline = pipeline
        self.chunker = Chunker(spec: pipeline.chunking)
        self.classifier = Classifier(taxonomy: pipeline.classification)
        self.router = Router(spec: RoutingSpec(pipeline))
        var sizes: [String: Int] = [:]
        for task in pipeline.tasks {
            sizes[task.name] = (try? String(contentsOfFile: task.prompt, encoding: .utf8))?.unicodeScalars.count ?? 0
        }
        self.promptCharacters = sizes
    }

    public func plan(_ document: ExtractedDocument) -> DocumentPlan {
        let chunks = chunker.chunks(documentSHA256: document.sha256, pages: document.pages)
        let profile = classifier.profile(of: document.fullText)
        let taxonomy = pipeline.classification
        var planned: [PlannedChunk] = []
        planned.reserveCapacity(chunks.count)
        for chunk in chunks {
            let findings = classifier.findings(in: chunk.text)
            let sensitivity = SensitivityPolicy.decide(findings: findings, documentType: profile.type, taxonomy: taxonomy)
            let characters = chunk.characters
            var routes: [String: RouteDecision] = [:]
            let chunkTasks = pipeline.tasks.filter { $0.scope == .chunk }
            for task in chunkTasks {
                routes[task.name] = router.route(request(level: sensitivity.level, profile: profile, task: task, characters: characters))
            }
            if pipeline.tasks.isEmpty {
                routes[""] = router.route(RouteRequest(level: sensitivity.level, documentType: profile.type, language: profile.language,
                                                       task: nil, promptCharacters: characters, maxOutputTokens: 512))
            }
            planned.append(PlannedChunk(id: chunk.id, index: chunk.index, firstPage: chunk.firstPage, lastPage: chunk.lastPage,
                                        start: chunk.start, end: chunk.end, heading: chunk.heading, tokenEstimate: chunk.tokenEstimate,
                                        findings: findings, sensitivity: sensitivity, routes: routes))
        }
        let level = SensitivityPolicy.documentLevel(planned.map(\.sensitivity.level), taxonomy: taxonomy)
        let documentCharacters = TokenEstimator.characterCount(document.fullText)
        var documentRoutes: [String: RouteDecision] = [:]
        for task in pipeline.tasks where task.scope == .document {
            documentRoutes[task.name] = router.route(request(level: level, profile: profile, task: task, characters: documentCharacters))
        }
        return DocumentPlan(path: document.path, sha256: document.sha256, profile: profile, level: level,
                            chunks: planned, documentRoutes: documentRoutes)
    }

    private func request(level: String, profile: DocumentProfile, task: TaskSpec, characters: Int) -> RouteRequest {
        RouteRequest(level: level, documentType: profile.type, language: profile.language, task: task.name,
                     promptCharacters: characters + (promptCharacters[task.name] ?? 0), maxOutputTokens: task.maxOutputTokens)
    }
}

extension ExtractedDocument {
    /// The pages' text joined as the chunker joins them.
    public var fullText: String { pages.map(\.text).joined(separator: "\u{0C}") }
}
